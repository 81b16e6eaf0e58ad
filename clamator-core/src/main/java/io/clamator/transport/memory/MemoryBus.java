package io.clamator.transport.memory;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Connects memory servers and clients inside one JVM: maps each service to the one server
 * serving it. Each test (or application context) should use its own bus.
 */
public final class MemoryBus {

    private final ConcurrentMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    /** The services currently served on this bus. */
    public Set<String> services() {
        return Set.copyOf(endpoints.keySet());
    }

    void register(String service, Endpoint endpoint) {
        if (endpoints.putIfAbsent(service, endpoint) != null) {
            throw new IllegalStateException("service \"" + service + "\" already registered on this bus");
        }
    }

    void unregister(String service, Endpoint endpoint) {
        endpoints.remove(service, endpoint);
    }

    Endpoint endpoint(String service) {
        return endpoints.get(service);
    }

    /** A served service: takes an envelope's JSON, answers with a reply's JSON or {@code null}. */
    interface Endpoint {
        CompletableFuture<byte[]> handle(byte[] envelopeJson);
    }
}
