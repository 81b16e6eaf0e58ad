package io.clamator.transport.redis;

import io.clamator.server.AbstractRpcServer;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import io.lettuce.core.UnblockType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves services from Redis Streams, wire-compatible with the Python and TypeScript clamator
 * servers: one command stream and consumer group per service ({@code <prefix>:cmds:<service>},
 * group {@code <service>}, consumer {@code <service>:<instance id>}), so that any number of
 * servers sharing a key prefix form a worker pool. Delivery is at-least-once: an entry is
 * acknowledged only after its handler finished and its reply was written, and entries left
 * unacknowledged (a crashed server) are reclaimed after the claim idle time.
 *
 * <p>Each service reads on its own connection; replies and acknowledgements share another.
 * When Redis goes away the loops retry with backoff and resume by themselves. A started server
 * keeps the JVM alive until it is stopped.
 */
public final class RedisRpcServer extends AbstractRpcServer {

    private static final Logger log = LoggerFactory.getLogger(RedisRpcServer.class);

    private final RedisServerSettings settings;
    private final RedisConnector connector;
    private final List<ServiceConsumer> consumers = new ArrayList<>();
    /** Like any server, a started one keeps the JVM alive until it is stopped (Lettuce's threads are daemons). */
    private final Thread keepAlive = new Thread(RedisRpcServer::waitUntilInterrupted, "clamator-server-keepalive");
    private StatefulRedisConnection<String, byte[]> commandConnection;

    private RedisRpcServer(Builder builder) {
        super(builder.options != null ? builder.options : ServerOptions.defaults());
        this.settings = new RedisServerSettings(builder.requiredKeyPrefix(), builder.instanceIdOrRandom(),
                builder.replyStreamMaxLen, builder.claimIdle, builder.shutdownGrace, builder.batchSize, builder.blockTime,
                builder.concurrency, builder.serviceConcurrency, builder.maxPayloadBytes);
        this.connector = builder.connector();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String keyPrefix() {
        return settings.keyPrefix();
    }

    public String instanceId() {
        return settings.instanceId();
    }

    @Override
    protected void startTransport(Map<String, ServiceDefinition> services) {
        try {
            commandConnection = connector.connect();
            for (ServiceDefinition service : services.values()) {
                ServiceConsumer consumer = new ServiceConsumer(service, settings, connector.connect(), commandConnection.async(),
                        dispatcher, codec, handlerExecutor());
                consumers.add(consumer);
                consumer.ensureGroup();
            }
        } catch (RuntimeException e) {
            consumers.forEach(ServiceConsumer::closeConnection);
            consumers.clear();
            closeCommandConnection();
            connector.release();
            throw e;
        }
        consumers.forEach(ServiceConsumer::start);
        keepAlive.start();
        log.info("clamator Redis server {} serving {} under key prefix {} at {}", settings.instanceId(), services.keySet(),
                settings.keyPrefix(), connector.describe());
    }

    @Override
    protected void stopTransport() {
        consumers.forEach(consumer -> consumer.stopReading(this::unblock));
        long deadline = System.nanoTime() + settings.shutdownGrace().plus(settings.blockTime()).toNanos();
        try {
            for (ServiceConsumer consumer : consumers) {
                consumer.awaitIdle(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumers.forEach(ServiceConsumer::abandonInFlight);
        consumers.forEach(ServiceConsumer::closeConnection);
        closeCommandConnection();
        connector.release();
        keepAlive.interrupt();
    }

    /** Wakes a blocked reader; without the permission for it, stop just waits for the block to time out. */
    private void unblock(long clientId) {
        commandConnection.async().clientUnblock(clientId, UnblockType.TIMEOUT).exceptionally(error -> {
            log.debug("CLIENT UNBLOCK {} failed; the reader stops when its blocking read times out", clientId, error);
            return null;
        });
    }

    private static void waitUntilInterrupted() {
        try {
            new java.util.concurrent.CountDownLatch(1).await();
        } catch (InterruptedException e) {
            // stopped
        }
    }

    private void closeCommandConnection() {
        if (commandConnection != null) {
            commandConnection.close();
        }
    }

    /** Builds a {@link RedisRpcServer}; only the key prefix is required. */
    public static final class Builder extends RedisTransportBuilder<Builder> {

        private ServerOptions options;
        private long replyStreamMaxLen = 1024;
        private Duration claimIdle = Duration.ofSeconds(60);
        private Duration shutdownGrace = Duration.ofSeconds(5);
        private int batchSize = 16;
        private Duration blockTime = Duration.ofSeconds(1);
        private int concurrency = 1;
        private final Map<String, Integer> serviceConcurrency = new HashMap<>();
        private int maxPayloadBytes = 1024 * 1024;

        private Builder() {
        }

        /** JSON mapping, validation, error detail and handler executor. */
        public Builder options(ServerOptions options) {
            this.options = options;
            return this;
        }

        /** Approximate cap on each reply stream written ({@code MAXLEN ~}); default 1024. */
        public Builder replyStreamMaxLen(long maxLen) {
            requirePositive("replyStreamMaxLen", maxLen);
            this.replyStreamMaxLen = maxLen;
            return this;
        }

        /** How long an entry stays unacknowledged before a live server reclaims it; default 60 s. */
        public Builder claimIdle(Duration claimIdle) {
            requirePositive("claimIdle", claimIdle);
            this.claimIdle = claimIdle;
            return this;
        }

        /** How long stop waits for in-flight handlers; default 5 s. */
        public Builder shutdownGrace(Duration grace) {
            requirePositive("shutdownGrace", grace);
            this.shutdownGrace = grace;
            return this;
        }

        /** Entries read per {@code XREADGROUP}; default 16. */
        public Builder batchSize(int batchSize) {
            requirePositive("batchSize", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** How long one {@code XREADGROUP} blocks waiting for entries; default 1 s. */
        public Builder blockTime(Duration blockTime) {
            requirePositive("blockTime", blockTime);
            this.blockTime = blockTime;
            return this;
        }

        /**
         * Handlers in flight per service; default 1, which handles a service's entries one at a
         * time in stream order (the upstream guarantee for a single server).
         */
        public Builder concurrency(int handlersPerService) {
            requirePositive("concurrency", handlersPerService);
            this.concurrency = handlersPerService;
            return this;
        }

        /** Handlers in flight for one service, overriding {@link #concurrency(int)}. */
        public Builder concurrency(String service, int handlers) {
            requirePositive("concurrency of " + service, handlers);
            serviceConcurrency.put(service, handlers);
            return this;
        }

        /** Envelopes larger than this many bytes are acknowledged and dropped unread; default 1 MiB. */
        public Builder maxPayloadBytes(int maxBytes) {
            requirePositive("maxPayloadBytes", maxBytes);
            this.maxPayloadBytes = maxBytes;
            return this;
        }

        public RedisRpcServer build() {
            return new RedisRpcServer(this);
        }
    }
}
