/**
 * The transport SPI: what a transport builds on to carry clamator calls. A server transport
 * extends {@link io.clamator.transport.spi.AbstractRpcServer} and runs one
 * {@link io.clamator.transport.spi.ServiceWorker} per served service, usually with an
 * {@link io.clamator.transport.spi.EntryScheduler} deciding when each received call runs; a
 * client transport extends {@link io.clamator.transport.spi.AbstractRpcClient} and moves
 * {@link io.clamator.transport.spi.OutgoingMessage encoded calls}. Applications use the
 * transports, not this package.
 */
package io.clamator.transport.spi;
