package io.clamator.benchmarks;

import io.clamator.client.ClientOptions;
import io.clamator.metrics.ClamatorMetrics;
import io.clamator.observation.ClamatorObservations;
import io.clamator.server.ServerOptions;
import io.clamator.transport.redis.RedisRpcClient;
import io.clamator.transport.redis.RedisRpcServer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A clamator Java client calling a clamator Java server (both in this JVM, each with its own Lettuce
 * client), or ({@link #clientOnly}) a clamator Java client calling whatever serves the key prefix:
 * the Python server, or server processes of their own.
 */
final class ClamatorJavaSystem implements BenchSystem {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Above the default 1 MiB, so that the 1 MiB payload of the sweep fits with its envelope. */
    static final int MAX_PAYLOAD_BYTES = 2 * 1024 * 1024;

    private final String name;
    private final String description;
    private final String redisUrl;
    private final String keyPrefix;
    private final int serverConcurrency;
    private final ArithContract handlers;
    private boolean inlineHandlers;
    private ClamatorObservations observations = ClamatorObservations.none();
    private ClamatorMetrics metrics = ClamatorMetrics.none();
    private RedisRpcServer server;
    private RedisRpcClient client;

    private ClamatorJavaSystem(String name, String description, String redisUrl, String keyPrefix, int serverConcurrency,
                               ArithContract handlers) {
        this.name = name;
        this.description = description;
        this.redisUrl = redisUrl;
        this.keyPrefix = keyPrefix;
        this.serverConcurrency = serverConcurrency;
        this.handlers = handlers;
    }

    /** Java client and Java server with the given server concurrency. */
    static ClamatorJavaSystem javaPair(String redisUrl, String keyPrefix, int serverConcurrency) {
        return new ClamatorJavaSystem("clamator-java-s" + serverConcurrency,
                "clamator Java client -> clamator Java server, server concurrency " + serverConcurrency,
                redisUrl, keyPrefix, serverConcurrency, new ArithContract.Handlers());
    }

    /**
     * Server concurrency 16, but handlers run one at a time (a lock): what concurrency 1 would do if
     * it started the next handler as soon as the last one returned, instead of after its reply was
     * written and acknowledged.
     */
    static ClamatorJavaSystem serializedHandlers(String redisUrl, String keyPrefix) {
        return new ClamatorJavaSystem("clamator-java-s16-serial",
                "clamator Java client -> clamator Java server, server concurrency 16, handlers serialized by a lock",
                redisUrl, keyPrefix, 16, new ArithContract.SerializedHandlers());
    }

    /**
     * Server concurrency 1 with handlers run on the thread that read their entry (a Lettuce event
     * loop), {@code ServerOptions.builder().handlerExecutor(Runnable::run)}: what the hand-over to
     * a handler thread costs. Only for handlers that never block.
     */
    static ClamatorJavaSystem inlineHandlers(String redisUrl, String keyPrefix) {
        ClamatorJavaSystem system = new ClamatorJavaSystem("clamator-java-s1-inline",
                "clamator Java client -> clamator Java server, server concurrency 1, handlers on the event loop",
                redisUrl, keyPrefix, 1, new ArithContract.Handlers());
        system.inlineHandlers = true;
        return system;
    }

    /**
     * {@link #javaPair} with observations, metrics and tracing on, as a Spring Boot application with
     * Actuator and the OpenTelemetry bridge records them ({@link ObservedTelemetry}).
     */
    static ClamatorJavaSystem observed(String redisUrl, String keyPrefix) {
        ClamatorJavaSystem system = new ClamatorJavaSystem("clamator-java-s16-observed",
                "clamator Java client -> clamator Java server, server concurrency 16, observed: timers and spans (100 % sampled)",
                redisUrl, keyPrefix, 16, new ArithContract.Handlers());
        ObservedTelemetry telemetry = ObservedTelemetry.create();
        system.observations = telemetry.observations();
        system.metrics = telemetry.metrics();
        return system;
    }

    /** Java client and Java server with handlers of the caller's choice. */
    static ClamatorJavaSystem withHandlers(String name, String redisUrl, String keyPrefix, int serverConcurrency, ArithContract handlers) {
        return new ClamatorJavaSystem(name, "clamator Java client -> clamator Java server, server concurrency " + serverConcurrency,
                redisUrl, keyPrefix, serverConcurrency, handlers);
    }

    /** Java client calling the servers already serving {@code keyPrefix} (the Python one, or server processes). */
    static ClamatorJavaSystem clientOnly(String name, String description, String redisUrl, String keyPrefix) {
        return new ClamatorJavaSystem(name, description, redisUrl, keyPrefix, 0, null);
    }

    String keyPrefix() {
        return keyPrefix;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void start() {
        if (serverConcurrency > 0) {
            ServerOptions.Builder options = serverOptions(serverConcurrency).observations(observations).metrics(metrics);
            if (inlineHandlers) {
                options.handlerExecutor(Runnable::run);
            }
            server = startServer(redisUrl, keyPrefix, options.build(), handlers);
        }
        client = RedisRpcClient.builder().keyPrefix(keyPrefix).redisUri(redisUrl).defaultTimeout(CALL_TIMEOUT)
                .options(ClientOptions.defaults().withObservations(observations).withMetrics(metrics).withMaxPayloadBytes(MAX_PAYLOAD_BYTES))
                .build();
        client.start();
    }

    /** The options of the harness's servers: the defaults but for the concurrency and the payload limit. */
    static ServerOptions.Builder serverOptions(int concurrency) {
        return ServerOptions.builder().concurrency(concurrency).maxPayloadBytes(MAX_PAYLOAD_BYTES);
    }

    /** A started server of {@link ArithContract} on the key prefix. */
    static RedisRpcServer startServer(String redisUrl, String keyPrefix, ServerOptions options, ArithContract handlers) {
        RedisRpcServer server = RedisRpcServer.builder().keyPrefix(keyPrefix).redisUri(redisUrl).options(options)
                .prefetch(Integer.getInteger("bench.prefetch", 0)).build();
        server.register(ArithContract.class, handlers);
        server.start();
        return server;
    }

    /** One call with the payload, as an application would make it. */
    @Override
    public CompletionStage<?> call(Payload payload) {
        return payload.callThrough(client, CALL_TIMEOUT);
    }

    @Override
    public void close() {
        if (client != null) {
            client.stop();
        }
        if (server != null) {
            server.stop();
        }
    }
}
