package io.clamator.client;

import io.clamator.json.ClamatorJson;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Settings every client shares, whatever its transport.
 *
 * @param json             the JSON mapping for params and results
 * @param defaultTimeout   how long a call waits for its reply unless the method or the call says otherwise
 * @param callbackExecutor where the futures of asynchronous calls ({@code callAsync}, {@code notifyAsync},
 *                         {@code CompletableFuture} and {@code Mono} proxy methods) complete, and so where
 *                         their callbacks run; {@code null} (the default) completes them on the thread that
 *                         received the reply (for Redis a Lettuce event loop), the fastest path, where
 *                         callbacks must not block: a blocking clamator call made there fails at once.
 */
public record ClientOptions(ClamatorJson json, Duration defaultTimeout, Executor callbackExecutor) {

    /** The upstream default call timeout: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ClientOptions {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("defaultTimeout must be positive, was " + defaultTimeout);
        }
    }

    /** Options completing asynchronous calls on the thread that received the reply. */
    public ClientOptions(ClamatorJson json, Duration defaultTimeout) {
        this(json, defaultTimeout, null);
    }

    /** Default JSON mapping and a 30 s timeout. */
    public static ClientOptions defaults() {
        return new ClientOptions(ClamatorJson.defaults(), DEFAULT_TIMEOUT);
    }

    /** The same options with another default timeout. */
    public ClientOptions withDefaultTimeout(Duration timeout) {
        return new ClientOptions(json, timeout, callbackExecutor);
    }

    /** The same options with another JSON mapping. */
    public ClientOptions withJson(ClamatorJson mapping) {
        return new ClientOptions(mapping, defaultTimeout, callbackExecutor);
    }

    /** The same options with another callback executor. */
    public ClientOptions withCallbackExecutor(Executor executor) {
        return new ClientOptions(json, defaultTimeout, executor);
    }
}
