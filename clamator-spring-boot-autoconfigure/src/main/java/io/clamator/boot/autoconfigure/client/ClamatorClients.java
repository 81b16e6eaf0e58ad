package io.clamator.boot.autoconfigure.client;

import io.clamator.boot.ClamatorClient;
import io.clamator.client.RpcClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application's clamator clients: its own ({@link ClamatorClient#DEFAULT_BACKEND the default
 * backend}) and one per backend configured under {@code clamator.backends.<name>}. Typed proxies
 * are usually injected with {@link ClamatorClient @ClamatorClient}; this bean serves the
 * contract-agnostic calls to a backend: {@code clients.client("billing").call(...)}.
 */
public final class ClamatorClients {

    private final RpcClient defaultClient;

    private final Map<String, RpcClient> backends;

    /**
     * @param defaultClient the client of the application's own key prefix
     * @param backends      the clients of the named backends, which this object owns
     */
    public ClamatorClients(RpcClient defaultClient, Map<String, RpcClient> backends) {
        this.defaultClient = defaultClient;
        this.backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
    }

    /** The client of the application's own key prefix. */
    public RpcClient client() {
        return this.defaultClient;
    }

    /**
     * The client of a backend.
     *
     * @param backend a name configured under {@code clamator.backends}, or empty for the default
     * @throws IllegalArgumentException if no backend has that name
     */
    public RpcClient client(String backend) {
        if (backend == null || backend.isEmpty()) {
            return this.defaultClient;
        }
        RpcClient client = this.backends.get(backend);
        if (client == null) {
            throw new IllegalArgumentException("No clamator backend named '" + backend
                    + "': configure it under clamator.backends." + backend + " (known: " + this.backends.keySet() + ")");
        }
        return client;
    }

    /** A typed proxy for a contract interface, calling the given backend. */
    public <T> T proxy(Class<T> contract, String backend) {
        return client(backend).proxy(contract);
    }

    /** The names of the configured backends. */
    public Set<String> backends() {
        return this.backends.keySet();
    }

    /** Every client: the default one first, then the backends'. */
    List<RpcClient> all() {
        List<RpcClient> all = new ArrayList<>();
        all.add(this.defaultClient);
        all.addAll(this.backends.values());
        return all;
    }
}
