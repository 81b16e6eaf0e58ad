package io.clamator.metrics;

import java.util.function.IntSupplier;

/** The meters of the clients of one key prefix, as transports record them. */
public interface ClientMeters {

    /** A call to the service that got no reply within its timeout. */
    void timedOut(String service);

    /** Reads a client's calls waiting for their replies until the returned watch ends; the gauge adds up the clients. */
    Watch watchCalls(IntSupplier callsInFlight);
}
