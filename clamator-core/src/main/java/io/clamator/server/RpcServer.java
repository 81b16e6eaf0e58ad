package io.clamator.server;

import io.clamator.health.ClamatorHealth;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serves clamator services. Register every service, then {@link #start()}; registering after
 * start fails. Start and stop are idempotent; a stopped server cannot be restarted.
 */
public interface RpcServer extends AutoCloseable {

    /**
     * Adds a service.
     *
     * @throws IllegalStateException    if the server has been started
     * @throws IllegalArgumentException if a service of that name is already registered
     */
    RpcServer register(ServiceDefinition service);

    /** Adds the service of an annotated contract interface, served by {@code implementation}. */
    default <T> RpcServer register(Class<T> contract, T implementation) {
        return register(ServiceDefinition.of(contract, implementation));
    }

    /** Starts serving every registered service. */
    void start();

    /**
     * Stops taking new calls and lets in-flight handlers finish within the server's
     * {@linkplain ServerOptions#shutdownGrace() grace period}; handlers still running then are
     * interrupted and their replies never written. Returns within the grace period (plus the time
     * to release the transport's connections).
     */
    void stop();

    boolean isRunning();

    /** The names of the registered services. */
    Set<String> services();

    /** How the server is doing: {@code UP} while it serves; transports name the part that fails. */
    default ClamatorHealth health() {
        return isRunning() ? ClamatorHealth.up(Map.of()) : ClamatorHealth.down(Map.of("state", "not running"));
    }

    /** What the server serves, for operators; only the names of its services unless the server knows more. */
    default ServerDescription describe() {
        return new ServerDescription(null, null, null, isRunning(), services().stream()
                .map(name -> new ServerDescription.Service(name, List.of(), List.of(), 0, null, 0, 0)).toList());
    }

    @Override
    default void close() {
        stop();
    }
}
