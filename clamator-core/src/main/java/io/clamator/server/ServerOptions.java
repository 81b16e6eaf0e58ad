package io.clamator.server;

import io.clamator.json.ClamatorJson;
import io.clamator.metrics.ClamatorMetrics;
import io.clamator.observation.ClamatorObservations;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Settings every server shares, whatever its transport.
 *
 * @param json                 the JSON mapping for params and results
 * @param validator            validation of bound params and handler results
 * @param exposeErrorMessages  whether -32603 {@code Internal error} replies carry the exception's
 *                             message in {@code data.message} (the type name is always sent)
 * @param handlerExecutor      where handlers run; {@code null} lets the server create and own one
 * @param virtualThreads       whether an executor the server creates uses virtual threads (Java 21+;
 *                             ignored on older JVMs)
 * @param concurrency          handlers in flight per service, unless {@code serviceConcurrency} says otherwise
 * @param serviceConcurrency   handlers in flight for single services, by service name
 * @param shutdownGrace        how long {@link RpcServer#stop()} waits for handlers in flight
 * @param maxPayloadBytes      received envelopes larger than this are rejected unread
 * @param handlerTimeout       how long a handler may run, unless {@code serviceHandlerTimeouts} or
 *                             its method say otherwise; {@code null} for no limit
 * @param serviceHandlerTimeouts how long handlers of single services may run, by service name
 * @param observations         where the handling of every call is observed ({@link ClamatorObservations#none()}: not at all)
 * @param metrics              where handlers, queues, streams and failures are measured ({@link ClamatorMetrics#none()}: nowhere)
 */
public record ServerOptions(ClamatorJson json, PayloadValidator validator, boolean exposeErrorMessages,
                            Executor handlerExecutor, boolean virtualThreads, int concurrency,
                            Map<String, Integer> serviceConcurrency, Duration shutdownGrace, int maxPayloadBytes,
                            Duration handlerTimeout, Map<String, Duration> serviceHandlerTimeouts, ClamatorObservations observations,
                            ClamatorMetrics metrics) {

    /** Handlers in flight per service by default: one, so a service's calls run in stream order. */
    public static final int DEFAULT_CONCURRENCY = 1;

    /** How long stop waits for handlers in flight by default. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

    /** The largest envelope accepted by default: 1 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

    public ServerOptions {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(validator, "validator");
        requirePositive("concurrency", concurrency);
        serviceConcurrency = Map.copyOf(serviceConcurrency);
        serviceConcurrency.forEach((service, handlers) -> requirePositive("concurrency of " + service, handlers));
        if (shutdownGrace == null || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative, was " + shutdownGrace);
        }
        requirePositive("maxPayloadBytes", maxPayloadBytes);
        requirePositiveOrNone("handlerTimeout", handlerTimeout);
        serviceHandlerTimeouts = Map.copyOf(serviceHandlerTimeouts);
        serviceHandlerTimeouts.forEach((service, limit) -> requirePositiveOrNone("handlerTimeout of " + service, limit));
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** Default JSON mapping, Bean Validation when available, messages exposed, an owned executor. */
    public static ServerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Handlers in flight for a service. */
    public int concurrencyOf(String service) {
        return serviceConcurrency.getOrDefault(service, concurrency);
    }

    /** How long a handler of this service may run, or {@code null} for no limit; a method's own setting comes first. */
    public Duration handlerTimeoutOf(String service) {
        return serviceHandlerTimeouts.getOrDefault(service, handlerTimeout);
    }

    private static void requirePositiveOrNone(String what, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }

    private static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }

    /** Builds {@link ServerOptions}. */
    public static final class Builder {

        private ClamatorJson json;
        private PayloadValidator validator;
        private boolean exposeErrorMessages = true;
        private Executor handlerExecutor;
        private boolean virtualThreads;
        private int concurrency = DEFAULT_CONCURRENCY;
        private final Map<String, Integer> serviceConcurrency = new HashMap<>();
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private Duration handlerTimeout;
        private final Map<String, Duration> serviceHandlerTimeouts = new HashMap<>();
        private ClamatorObservations observations = ClamatorObservations.none();
        private ClamatorMetrics metrics = ClamatorMetrics.none();

        private Builder() {
        }

        public Builder json(ClamatorJson json) {
            this.json = json;
            return this;
        }

        public Builder validator(PayloadValidator validator) {
            this.validator = validator;
            return this;
        }

        public Builder exposeErrorMessages(boolean expose) {
            this.exposeErrorMessages = expose;
            return this;
        }

        /** Handlers run on this executor; the server never shuts it down. */
        public Builder handlerExecutor(Executor executor) {
            this.handlerExecutor = executor;
            return this;
        }

        /** Run handlers on virtual threads when the server creates its own executor (Java 21+). */
        public Builder virtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
            return this;
        }

        /**
         * Handlers in flight per service; default 1, which handles a service's calls one at a time
         * in the order they arrived (the upstream guarantee for a single server).
         */
        public Builder concurrency(int handlersPerService) {
            this.concurrency = handlersPerService;
            return this;
        }

        /** Handlers in flight for one service, overriding {@link #concurrency(int)}. */
        public Builder concurrency(String service, int handlers) {
            serviceConcurrency.put(service, handlers);
            return this;
        }

        /**
         * How long stop waits for handlers in flight; default 5 s. Handlers still running then are
         * abandoned: interrupted, their replies never written.
         */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        /** Received envelopes larger than this many bytes are rejected unread; default 1 MiB. */
        public Builder maxPayloadBytes(int maxBytes) {
            this.maxPayloadBytes = maxBytes;
            return this;
        }

        /**
         * How long a handler may run; default: no limit. When it passes, the call is answered with
         * {@code -32603 Handler timed out}, the handler's thread is interrupted, its slot freed and
         * its entry acknowledged. {@code @ClamatorMethod(handlerTimeoutMillis)} and
         * {@link #handlerTimeout(String, Duration)} come first. {@code null} for no limit.
         */
        public Builder handlerTimeout(Duration limit) {
            this.handlerTimeout = limit;
            return this;
        }

        /** How long the handlers of one service may run, overriding {@link #handlerTimeout(Duration)}. */
        public Builder handlerTimeout(String service, Duration limit) {
            serviceHandlerTimeouts.put(service, limit);
            return this;
        }

        /** Observes the handling of every call (a Micrometer {@code ObservationRegistry}); default: none. */
        public Builder observations(ClamatorObservations observations) {
            this.observations = observations;
            return this;
        }

        /** Measures handlers, queues, command streams and failures (a Micrometer {@code MeterRegistry}); default: nowhere. */
        public Builder metrics(ClamatorMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(json != null ? json : ClamatorJson.defaults(),
                    validator != null ? validator : PayloadValidators.detect(),
                    exposeErrorMessages, handlerExecutor, virtualThreads, concurrency, serviceConcurrency,
                    shutdownGrace, maxPayloadBytes, handlerTimeout, serviceHandlerTimeouts, observations, metrics);
        }
    }
}
