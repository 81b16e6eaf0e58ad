package io.clamator.client;

import io.clamator.internal.Durations;
import io.clamator.json.ClamatorJson;
import io.clamator.metrics.ClamatorMetrics;
import io.clamator.observation.ClamatorObservations;
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
 * @param maxPayloadBytes  replies larger than this are not read: their call fails with a
 *                         {@link io.clamator.protocol.ClamatorProtocolException}
 * @param observations     where every call and notification is observed ({@link ClamatorObservations#none()}: not at all)
 * @param metrics          where calls in flight and timeouts are counted ({@link ClamatorMetrics#none()}: nowhere)
 */
public record ClientOptions(ClamatorJson json, Duration defaultTimeout, Executor callbackExecutor, int maxPayloadBytes,
        ClamatorObservations observations, ClamatorMetrics metrics) {

    /** The upstream default call timeout: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The largest reply read by default: 1 MiB, as servers accept by default. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

    public ClientOptions {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Durations.requireAtLeastOneMillisecond("defaultTimeout", defaultTimeout);
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, was " + maxPayloadBytes);
        }
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** Options without observations and metrics. */
    public ClientOptions(ClamatorJson json, Duration defaultTimeout, Executor callbackExecutor, int maxPayloadBytes) {
        this(json, defaultTimeout, callbackExecutor, maxPayloadBytes, ClamatorObservations.none(), ClamatorMetrics.none());
    }

    /** Options completing asynchronous calls on the thread that received the reply, reading replies of up to 1 MiB. */
    public ClientOptions(ClamatorJson json, Duration defaultTimeout) {
        this(json, defaultTimeout, null, DEFAULT_MAX_PAYLOAD_BYTES);
    }

    /** Default JSON mapping and a 30 s timeout. */
    public static ClientOptions defaults() {
        return new ClientOptions(ClamatorJson.defaults(), DEFAULT_TIMEOUT);
    }

    /** The same options with another default timeout. */
    public ClientOptions withDefaultTimeout(Duration timeout) {
        return new ClientOptions(json, timeout, callbackExecutor, maxPayloadBytes, observations, metrics);
    }

    /** The same options with another JSON mapping. */
    public ClientOptions withJson(ClamatorJson mapping) {
        return new ClientOptions(mapping, defaultTimeout, callbackExecutor, maxPayloadBytes, observations, metrics);
    }

    /** The same options with another callback executor. */
    public ClientOptions withCallbackExecutor(Executor executor) {
        return new ClientOptions(json, defaultTimeout, executor, maxPayloadBytes, observations, metrics);
    }

    /** The same options with another limit on the size of replies. */
    public ClientOptions withMaxPayloadBytes(int maxBytes) {
        return new ClientOptions(json, defaultTimeout, callbackExecutor, maxBytes, observations, metrics);
    }

    /** The same options observing every call and notification (a Micrometer {@code ObservationRegistry}). */
    public ClientOptions withObservations(ClamatorObservations observing) {
        return new ClientOptions(json, defaultTimeout, callbackExecutor, maxPayloadBytes, observing, metrics);
    }

    /** The same options counting calls in flight and timeouts (a Micrometer {@code MeterRegistry}). */
    public ClientOptions withMetrics(ClamatorMetrics counting) {
        return new ClientOptions(json, defaultTimeout, callbackExecutor, maxPayloadBytes, observations, counting);
    }
}
