/** The Redis Streams and memory transports. */
package io.clamator.boot.autoconfigure.transport;
