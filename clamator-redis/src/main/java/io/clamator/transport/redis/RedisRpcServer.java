package io.clamator.transport.redis;

import io.clamator.health.ClamatorHealth;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import io.clamator.transport.spi.AbstractRpcServer;
import io.clamator.transport.spi.TimeLimitedDispatch;
import io.clamator.transport.spi.ServiceWorker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
 * <p>Each service is served by a {@link ServicePipeline} reading on a connection of its own;
 * replies and acknowledgements share another. When Redis goes away the loops retry with backoff
 * and resume by themselves. A started server keeps the JVM alive until it is stopped.
 */
public final class RedisRpcServer extends AbstractRpcServer {

    private static final Logger log = LoggerFactory.getLogger(RedisRpcServer.class);

    private final RedisServerSettings settings;
    private final RedisConnector connector;
    /** Read by health checks while the server starts and stops. */
    private final List<ServicePipeline> pipelines = new CopyOnWriteArrayList<>();
    /** Like any server, a started one keeps the JVM alive until it is stopped (Lettuce's threads are daemons). */
    private final Thread keepAlive = new Thread(RedisRpcServer::waitUntilInterrupted, "clamator-server-keepalive");
    private volatile TransportConnection<byte[]> commandConnection;

    private RedisRpcServer(Builder builder) {
        super(builder.options);
        this.settings = new RedisServerSettings(builder.requiredKeyPrefix(), builder.instanceIdOrRandom(),
                builder.replyStreamMaxLen, builder.claimIdle, builder.batchSize, builder.prefetch, builder.blockTime,
                builder.keepHandledEntries, builder.replyStreamTtl, builder.consumerIdleTimeout,
                builder.maxDeliveries, builder.streamMetricsInterval);
        this.connector = builder.connector();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected String transportName() {
        return "redis";
    }

    @Override
    protected String consumerOf(String service) {
        return StreamKeys.consumer(service, settings.instanceId());
    }

    @Override
    public String keyPrefix() {
        return settings.keyPrefix();
    }

    @Override
    public String instanceId() {
        return settings.instanceId();
    }

    /** E.g. {@code Redis server 7f3c... of key prefix shop at redis://localhost:6379}. */
    @Override
    public String toString() {
        return "Redis server " + settings.instanceId() + " of key prefix " + settings.keyPrefix() + " at " + connector.describe();
    }

    @Override
    protected List<? extends ServiceWorker> startTransport(Map<String, ServiceDefinition> services) {
        try {
            commandConnection = connector.connect();
            LettuceTimer timer = new LettuceTimer(connector.resources());
            ServicePipeline.Shared shared = new ServicePipeline.Shared(settings, commandConnection,
                    new TimeLimitedDispatch(dispatcher(), options(), timer, settings.keyPrefix()), codec(), callDecoder(),
                    handlerExecutor(), timer, options().json(), options().metrics(),
                    connector.keepsKeysTogether(settings.keyPrefix()));
            RedisCommandCheck check = new RedisCommandCheck(commandConnection.sync(), connector.describe());
            if (!connector.isCluster() && !services.isEmpty()) {
                check.verifyNotClusterNode(StreamKeys.commands(settings.keyPrefix(), services.keySet().iterator().next()));
            }
            for (ServiceDefinition service : services.values()) {
                ServicePipeline pipeline = new ServicePipeline(service, options().concurrencyOf(service.name()),
                        connector.connectForBlockingReads(settings.blockTime()), shared);
                pipelines.add(pipeline);
                pipeline.prepare(check);
            }
        } catch (RuntimeException e) {
            releaseConnections();
            throw e;
        }
        pipelines.forEach(ServicePipeline::start);
        keepAlive.start();
        log.info("clamator Redis server {} serving {} under key prefix {} at {}", settings.instanceId(), services.keySet(),
                settings.keyPrefix(), connector.describe());
        return List.copyOf(pipelines);
    }

    /**
     * {@code UP} while the command connection is open and every service's consumer loop reads;
     * {@code DOWN}, naming the service or connection, otherwise.
     */
    @Override
    protected ClamatorHealth transportHealth() {
        Map<String, ClamatorHealth> parts = new LinkedHashMap<>();
        parts.put("command connection", RedisConnector.health(commandConnection));
        pipelines.forEach(pipeline -> parts.put("service " + pipeline.service(), pipeline.health()));
        return ClamatorHealth.combine(parts);
    }

    @Override
    protected void releaseUnstarted() {
        connector.release();
    }

    @Override
    protected void stopTransport() {
        pipelines.forEach(ServicePipeline::leaveGroup);
        releaseConnections();
        keepAlive.interrupt();
    }

    private void releaseConnections() {
        pipelines.forEach(ServicePipeline::close);
        pipelines.clear();
        if (commandConnection != null) {
            commandConnection.close();
        }
        connector.release();
    }

    private static void waitUntilInterrupted() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            // stopped
        }
    }

    /** Builds a {@link RedisRpcServer}; only the key prefix is required. */
    public static final class Builder extends RedisTransportBuilder<Builder> {

        private ServerOptions options = ServerOptions.defaults();
        private long replyStreamMaxLen = 1024;
        private Duration claimIdle = Duration.ofSeconds(60);
        private int batchSize = 16;
        private int prefetch;
        private Duration blockTime = Duration.ofSeconds(1);
        private boolean keepHandledEntries;
        private Duration replyStreamTtl = RedisRpcClient.DEFAULT_REPLY_STREAM_TTL;
        private Duration consumerIdleTimeout = Duration.ofMinutes(10);
        private int maxDeliveries = 5;
        private Duration streamMetricsInterval = Duration.ofSeconds(10);

        private Builder() {
        }

        /** Settings every server shares: JSON mapping, validation, executor, concurrency, grace period, payload limit. */
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

        /**
         * The most entries one {@code XREADGROUP} asks for; default 16. A read asks for no more
         * than the service's free handler slots (plus the prefetch), so entries a busy server
         * cannot start stay in the stream for an idle one.
         */
        public Builder batchSize(int batchSize) {
            requirePositive("batchSize", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /**
         * How many entries of a service a server reads beyond its free handler slots; default 0.
         * They wait in this server behind the running handlers, which saves a Redis round trip
         * per call for a service with few slots under load, at a price: a stuck handler holds
         * them up until it returns or its time limit ends it (this server keeps them claimed while
         * it lives, so no other takes them over and none runs twice).
         */
        public Builder prefetch(int prefetch) {
            if (prefetch < 0) {
                throw new IllegalArgumentException("prefetch must not be negative, was " + prefetch);
            }
            this.prefetch = prefetch;
            return this;
        }

        /** How long one {@code XREADGROUP} blocks waiting for entries; default 1 s. */
        public Builder blockTime(Duration blockTime) {
            requirePositive("blockTime", blockTime);
            this.blockTime = blockTime;
            return this;
        }

        /**
         * Whether entries stay in their command stream once handled; default {@code false}: an
         * entry is deleted in the same atomic step as its acknowledgement, so command streams hold
         * only the calls not yet handled. Keep them only when something else reads the command
         * streams (another consumer group, an audit reader), and trim them yourself.
         */
        public Builder keepHandledEntries(boolean keep) {
            this.keepHandledEntries = keep;
            return this;
        }

        /**
         * The time to live given to each reply stream this server writes to; default 5 minutes. A
         * live client renews it on its own stream, so only the streams of clients that are gone
         * expire.
         */
        public Builder replyStreamTtl(Duration timeToLive) {
            requirePositive("replyStreamTtl", timeToLive);
            this.replyStreamTtl = timeToLive;
            return this;
        }

        /**
         * How long a consumer of a served service's group may stay idle with nothing pending before
         * this server removes it (an instance that is gone); default 10 minutes.
         */
        public Builder consumerIdleTimeout(Duration idleTimeout) {
            requirePositive("consumerIdleTimeout", idleTimeout);
            this.consumerIdleTimeout = idleTimeout;
            return this;
        }

        /**
         * How often an entry may be delivered (to this or other servers) before it goes to the dead
         * letters instead of being run again; default 5. An entry is delivered again only when the
         * server that had it disappeared without acknowledging it, so an entry past the limit is a
         * call that keeps killing its servers. Its caller is answered {@code -32603 Delivery limit
         * exceeded}; {@link RedisDeadLetters} lists, replays and purges dead letters.
         */
        public Builder maxDeliveries(int maxDeliveries) {
            requirePositive("maxDeliveries", maxDeliveries);
            this.maxDeliveries = maxDeliveries;
            return this;
        }

        /**
         * How often each served service's command stream is read for the stream gauges (length,
         * lag, pending, oldest pending age), when the server's options record metrics; default
         * 10 s. One script per service and interval.
         */
        public Builder streamMetricsInterval(Duration interval) {
            requirePositive("streamMetricsInterval", interval);
            this.streamMetricsInterval = interval;
            return this;
        }

        public RedisRpcServer build() {
            return new RedisRpcServer(this);
        }
    }
}
