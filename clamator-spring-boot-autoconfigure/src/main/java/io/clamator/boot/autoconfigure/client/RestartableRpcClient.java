package io.clamator.boot.autoconfigure.client;

import io.clamator.client.ContractProxies;
import io.clamator.client.ClientDescription;
import io.clamator.client.RpcClient;
import io.clamator.health.ClamatorHealth;
import io.clamator.protocol.ClamatorTransportException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The application's view of one client: a transport client can be started once, so each
 * {@link #start()} after a {@link #stop()} runs calls on a new one from the factory. Proxies and
 * references to this object stay valid across restarts of the application context.
 */
final class RestartableRpcClient implements RpcClient {

    private final Supplier<RpcClient> clients;

    private final Duration defaultTimeout;

    private final String role;

    private final String keyPrefix;

    private volatile RpcClient current;

    /**
     * @param role      whose client it is, e.g. {@code the application's own} or {@code backend 'billing'}
     * @param keyPrefix the key prefix of the services it calls
     */
    RestartableRpcClient(Supplier<RpcClient> clients, Duration defaultTimeout, String role, String keyPrefix) {
        this.clients = clients;
        this.defaultTimeout = defaultTimeout;
        this.role = role;
        this.keyPrefix = keyPrefix;
    }

    @Override
    public synchronized void start() {
        if (this.current != null && this.current.isRunning()) {
            return;
        }
        RpcClient client = this.clients.get();
        client.start();
        this.current = client;
    }

    @Override
    public synchronized void stop() {
        if (this.current != null) {
            this.current.stop();
        }
    }

    @Override
    public boolean isRunning() {
        RpcClient client = this.current;
        return client != null && client.isRunning();
    }

    /** The health of the client of the current start of the context; {@code DOWN} before the first. */
    @Override
    public ClamatorHealth health() {
        RpcClient client = this.current;
        return client != null ? client.health() : ClamatorHealth.down(Map.of("state", "not started"));
    }

    /** The client of the current start of the context; before the first, only its key prefix is known. */
    @Override
    public ClientDescription describe() {
        RpcClient client = this.current;
        return client != null ? client.describe() : new ClientDescription(null, this.keyPrefix, null, false, 0);
    }

    @Override
    public Duration defaultTimeout() {
        return this.defaultTimeout;
    }

    @Override
    public <R> CompletableFuture<R> callAsync(String service, String method, Object params, Type resultType, Duration timeout) {
        RpcClient client = this.current;
        return client != null ? client.callAsync(service, method, params, resultType, timeout) : CompletableFuture.failedFuture(notStarted());
    }

    @Override
    public <R> R call(String service, String method, Object params, Type resultType, Duration timeout) {
        return started().call(service, method, params, resultType, timeout);
    }

    @Override
    public CompletableFuture<Void> notifyAsync(String service, String method, Object params) {
        RpcClient client = this.current;
        return client != null ? client.notifyAsync(service, method, params) : CompletableFuture.failedFuture(notStarted());
    }

    @Override
    public <T> T proxy(Class<T> contract) {
        return ContractProxies.create(contract, this);
    }

    /** The transport client of the current start; {@code null} before the first start. */
    RpcClient current() {
        return this.current;
    }

    private RpcClient started() {
        RpcClient client = this.current;
        if (client == null) {
            throw notStarted();
        }
        return client;
    }

    private ClamatorTransportException notStarted() {
        return new ClamatorTransportException("transport not started: the clamator client of " + this.role + " (key prefix "
                + this.keyPrefix + ") starts with the application context");
    }

    /** The transport client of the current start, and whose client it is. */
    @Override
    public String toString() {
        RpcClient client = this.current;
        return (client != null ? client.toString() : "clamator client of key prefix " + this.keyPrefix + ", not started")
                + " (" + this.role + ")";
    }
}
