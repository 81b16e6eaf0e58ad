package io.clamator.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.Map;

/**
 * The observation context of a call or notification a server handles. Its carrier holds the
 * fields the call arrived with, for a propagator to read.
 */
public final class ClamatorServerContext extends ReceiverContext<Map<String, String>> {

    private final CallDetails call;

    /** @param fields the fields the call arrived with beside its envelope (none where the transport has no such fields) */
    public ClamatorServerContext(CallDetails call, Map<String, String> fields) {
        super((carrier, key) -> carrier.get(key), Kind.SERVER);
        this.call = call;
        setCarrier(fields);
    }

    /** The observed call. */
    public CallDetails call() {
        return call;
    }
}
