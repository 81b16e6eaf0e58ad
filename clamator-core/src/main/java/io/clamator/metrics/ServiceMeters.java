package io.clamator.metrics;

import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The meters of one served service, as transports record them. */
public interface ServiceMeters {

    /** Entries taken over from servers that left them unacknowledged. */
    void reclaimed(int entries);

    /** An entry that was no readable call, acknowledged and dropped. */
    void poison();

    /** An entry moved to the dead letters after too many deliveries. */
    void deadLettered();

    /** A call answered at its handler time limit. */
    void handlerTimedOut();

    /** A reply that could not be written to its reply stream. */
    void replyWriteFailed();

    /**
     * Reads the handlers running and the entries waiting for a handler slot from a server's
     * worker until the returned watch ends; the gauges add up the workers watched.
     */
    Watch watchLoad(IntSupplier handlersActive, IntSupplier entriesQueued);

    /**
     * Reads the service's command stream figures from a poller until the returned watch ends;
     * the poller's latest figures, {@code null} while it has none (the gauges then read NaN).
     */
    Watch watchStream(Supplier<StreamFigures> latest);
}
