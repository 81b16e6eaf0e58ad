package io.clamator.boot.autoconfigure;

/** The transports a Spring application can use. */
public enum ClamatorTransport {

    /** Redis Streams, shared with the Python and TypeScript implementations. */
    REDIS,

    /** In-process, on one {@link io.clamator.transport.memory.MemoryBus} per application context: for tests. */
    MEMORY
}
