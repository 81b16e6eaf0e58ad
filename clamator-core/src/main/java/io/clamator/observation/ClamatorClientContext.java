package io.clamator.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The observation context of a call or notification a client sends. Its carrier holds the
 * fields a propagator adds to the outgoing call.
 */
public final class ClamatorClientContext extends SenderContext<Map<String, String>> {

    private final CallDetails call;

    public ClamatorClientContext(CallDetails call) {
        super((carrier, key, value) -> carrier.put(key, value), Kind.CLIENT);
        this.call = call;
        setCarrier(new LinkedHashMap<>());
        setRemoteServiceName(call.service());
    }

    /** The observed call. */
    public CallDetails call() {
        return call;
    }
}
