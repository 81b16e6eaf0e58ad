package io.clamator.client;

import io.clamator.health.ClamatorHealth;
import io.clamator.internal.AsyncResults;
import io.clamator.protocol.Names;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Calls clamator services. Contract-agnostic calls name the service and method; {@link #proxy}
 * gives a typed view of an annotated contract interface.
 *
 * <p>Failures: {@link io.clamator.protocol.RpcException} when the service answered with an error,
 * {@link io.clamator.protocol.ClamatorTimeoutException} when no reply came in time,
 * {@link io.clamator.protocol.ClamatorTransportException} when the call could not be made (not
 * started, stopped, send failed), {@link io.clamator.protocol.ClamatorProtocolException} for a
 * malformed reply or params that cannot be written as JSON.
 */
public interface RpcClient extends AutoCloseable {

    void start();

    /** Stops the client; pending calls fail with {@code transport stopped}. */
    void stop();

    boolean isRunning();

    /** How the client is doing: {@code UP} while it runs; transports name the part that fails. */
    default ClamatorHealth health() {
        return isRunning() ? ClamatorHealth.up(Map.of()) : ClamatorHealth.down(Map.of("state", "not running"));
    }

    /** The timeout of calls that do not set their own. */
    Duration defaultTimeout();

    /** What the client calls through, for operators; only whether it runs unless the client knows more. */
    default ClientDescription describe() {
        return new ClientDescription(null, null, null, isRunning(), 0);
    }

    /**
     * Calls a method and returns the reply's result converted to {@code resultType}. The future
     * completes on the client's callback executor ({@link ClientOptions#callbackExecutor()}).
     *
     * @param params  the params object ({@code null} sends {@code {}})
     * @param timeout the timeout for this call, or {@code null} for the default
     */
    <R> CompletableFuture<R> callAsync(String service, String method, Object params, Type resultType, Duration timeout);

    default <R> CompletableFuture<R> callAsync(String service, String method, Object params, Class<R> resultType) {
        return callAsync(service, method, params, resultType, null);
    }

    /**
     * Calls a method and waits on the calling thread for the result converted to {@code resultType}.
     *
     * @param timeout the timeout for this call, or {@code null} for the default
     */
    <R> R call(String service, String method, Object params, Type resultType, Duration timeout);

    /** Calls a method and waits for its result. */
    default <R> R call(String service, String method, Object params, Class<R> resultType) {
        return call(service, method, params, resultType, null);
    }

    /** Calls a method with its own timeout and waits for its result. */
    default <R> R call(String service, String method, Object params, Class<R> resultType, Duration timeout) {
        return call(service, method, params, (Type) resultType, timeout);
    }

    /** Sends a notification; completes once it has been handed to the transport. */
    CompletableFuture<Void> notifyAsync(String service, String method, Object params);

    /** Sends a notification and waits until it has been handed to the transport. */
    default void notify(String service, String method, Object params) {
        AsyncResults.await(notifyAsync(service, method, params), "notification " + Names.qualified(service, method));
    }

    /** A typed proxy for an annotated contract interface, calling through this client. */
    <T> T proxy(Class<T> contract);

    @Override
    default void close() {
        stop();
    }
}
