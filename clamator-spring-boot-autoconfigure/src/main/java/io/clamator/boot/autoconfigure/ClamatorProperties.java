package io.clamator.boot.autoconfigure;

import io.clamator.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties for clamator ({@code clamator.*}). They are checked when bound, so a
 * value that cannot work (a concurrency of 0, a blank key prefix) fails the startup naming the
 * property.
 */
@ConfigurationProperties("clamator")
public class ClamatorProperties implements Validator {

    /** The default {@link #getKeyPrefix() key prefix}. */
    public static final String DEFAULT_KEY_PREFIX = "clamator";

    private static final Log logger = LogFactory.getLog(ClamatorProperties.class);

    /**
     * Transport that carries calls: 'redis' (Redis Streams) or 'memory' (in-process, for tests).
     * When not set: 'memory' while one of the profiles in 'clamator.test-profiles' is active and
     * clamator-spring-boot-test is on the classpath, otherwise 'redis'.
     */
    private ClamatorTransport transport;

    /**
     * Namespace of the Redis keys that services and their callers share: every application that
     * serves or calls a service must use the same prefix.
     */
    private String keyPrefix = DEFAULT_KEY_PREFIX;

    /**
     * Name of this instance, used for its reply stream and its consumer name in each service's
     * consumer group. When not set (or blank), a random UUID per start, separate for the server and
     * each client. Further clients of the same key prefix in one application get '<id>-2', '<id>-3'...
     * so that each has a reply stream of its own.
     */
    private String instanceId;

    /**
     * Profiles that swap in the memory transport when 'clamator.transport' is not set, where
     * clamator-spring-boot-test is on the classpath (a test classpath).
     */
    private List<String> testProfiles = new ArrayList<>(List.of("test"));

    private final Redis redis = new Redis();

    private final Server server = new Server();

    private final Client client = new Client();

    private final Json json = new Json();

    /**
     * Other clamator deployments this application calls, by name: each with its own key prefix
     * and default timeout, selected per injection point with @ClamatorClient(backend = "name").
     */
    private final Map<String, Backend> backends = new LinkedHashMap<>();

    public ClamatorProperties() {
        this.server.redis = this.redis.getServer();
    }

    public ClamatorTransport getTransport() {
        return this.transport;
    }

    public void setTransport(ClamatorTransport transport) {
        this.transport = transport;
    }

    public String getKeyPrefix() {
        return this.keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String getInstanceId() {
        return this.instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public List<String> getTestProfiles() {
        return this.testProfiles;
    }

    public void setTestProfiles(List<String> testProfiles) {
        this.testProfiles = testProfiles;
    }

    public Server getServer() {
        return this.server;
    }

    public Client getClient() {
        return this.client;
    }

    public Json getJson() {
        return this.json;
    }

    public Redis getRedis() {
        return this.redis;
    }

    public Map<String, Backend> getBackends() {
        return this.backends;
    }

    /** The key prefix of the backend of that name: its {@code key-prefix}, else the name. */
    public String backendKeyPrefix(String name) {
        Backend backend = this.backends.get(name);
        return backend != null && StringUtils.hasText(backend.getKeyPrefix()) ? backend.getKeyPrefix() : name;
    }

    @Override
    public boolean supports(Class<?> type) {
        return ClamatorProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        ClamatorProperties properties = (ClamatorProperties) target;
        requireText(errors, "keyPrefix", properties.getKeyPrefix());
        requirePositive(errors, "server.concurrency", properties.getServer().getConcurrency());
        properties.getServer().getServices().forEach((name, service) -> {
            if (service.getConcurrency() != null) {
                requirePositive(errors, "server.services[" + name + "].concurrency", service.getConcurrency());
            }
            if (service.getHandlerTimeout() != null) {
                requirePositive(errors, "server.services[" + name + "].handlerTimeout", service.getHandlerTimeout());
            }
        });
        requireNotNegative(errors, "server.shutdownGrace", properties.getServer().getShutdownGrace());
        if (properties.getServer().getHandlerTimeout() != null) {
            requirePositive(errors, "server.handlerTimeout", properties.getServer().getHandlerTimeout());
        }
        requirePayloadSize(errors, "server.maxPayloadSize", properties.getServer().getMaxPayloadSize());
        requirePositive(errors, "client.defaultTimeout", properties.getClient().getDefaultTimeout());
        requirePayloadSize(errors, "client.maxPayloadSize", properties.getClient().getMaxPayloadSize());
        requirePositive(errors, "redis.commandTimeout", properties.getRedis().getCommandTimeout());
        boolean ownCluster = !properties.getRedis().getCluster().getNodes().isEmpty();
        if (StringUtils.hasText(properties.getRedis().getSsl().getBundle()) && !StringUtils.hasText(properties.getRedis().getUrl())
                && !ownCluster) {
            errors.rejectValue("redis.ssl.bundle", "withoutUrl", "applies to clamator.redis.url or clamator.redis.cluster.nodes,"
                    + " neither of which is set; for the application's Redis use spring.data.redis.ssl.bundle");
        }
        if (ownCluster && StringUtils.hasText(properties.getRedis().getUrl())) {
            errors.rejectValue("redis.cluster.nodes", "withUrl", "and clamator.redis.url are both set; set the one that says"
                    + " where clamator's Redis is: a cluster's nodes or one Redis's URL");
        }
        Redis.Server redisServer = properties.getRedis().getServer();
        for (String name : properties.getServer().setUnderDeprecatedNames) {
            if (redisServer.setUnderTheirNames.contains(name)) {
                errors.rejectValue("redis.server." + camelCase(name), "alsoUnderDeprecatedName", "is set, and so is its deprecated former name"
                        + " clamator.server." + name + ": remove the former");
            }
        }
        Set<String> deprecatedNames = properties.getServer().setUnderDeprecatedNames;
        requirePositive(errors, redisServerName("batch-size", deprecatedNames), redisServer.getBatchSize());
        if (redisServer.getPrefetch() < 0) {
            errors.rejectValue("redis.server.prefetch", "notNegative", "must not be negative");
        }
        requirePositive(errors, redisServerName("block-time", deprecatedNames), redisServer.getBlockTime());
        requirePositive(errors, redisServerName("claim-idle", deprecatedNames), redisServer.getClaimIdle());
        requirePositive(errors, "redis.server.consumerIdleTimeout", redisServer.getConsumerIdleTimeout());
        requirePositive(errors, "redis.server.streamMetricsInterval", redisServer.getStreamMetricsInterval());
        requirePositive(errors, "redis.server.maxDeliveries", redisServer.getMaxDeliveries());
        requirePositive(errors, "redis.replyStreamTtl", properties.getRedis().getReplyStreamTtl());
        requirePositive(errors, redisServerName("reply-stream-max-len", deprecatedNames), redisServer.getReplyStreamMaxLen());
        requirePositive(errors, "redis.client.blockTime", properties.getRedis().getClient().getBlockTime());
        properties.getBackends().forEach((name, backend) -> {
            if (backend.getKeyPrefix() != null) {
                requireText(errors, "backends[" + name + "].keyPrefix", backend.getKeyPrefix());
            }
            if (backend.getDefaultTimeout() != null) {
                requirePositive(errors, "backends[" + name + "].defaultTimeout", backend.getDefaultTimeout());
            }
        });
    }

    /** Where a Redis server setting was given: under its deprecated former name {@code clamator.server.<name>}, or its own. */
    private static String redisServerName(String name, Set<String> setUnderDeprecatedNames) {
        return (setUnderDeprecatedNames.contains(name) ? "server." : "redis.server.") + camelCase(name);
    }

    private static String camelCase(String kebabCase) {
        StringBuilder name = new StringBuilder();
        for (String part : kebabCase.split("-")) {
            name.append(name.isEmpty() ? part : StringUtils.capitalize(part));
        }
        return name.toString();
    }

    private static void requirePayloadSize(Errors errors, String field, DataSize value) {
        if (value == null || value.toBytes() <= 0 || value.toBytes() > Integer.MAX_VALUE) {
            errors.rejectValue(field, "range", "must be between 1B and 2GB");
        }
    }

    private static void requireText(Errors errors, String field, String value) {
        if (!StringUtils.hasText(value)) {
            errors.rejectValue(field, "blank", "must not be blank");
        }
    }

    private static void requirePositive(Errors errors, String field, long value) {
        if (value <= 0) {
            errors.rejectValue(field, "positive", "must be positive");
        }
    }

    /** At least a millisecond: Redis, the timers and the wire's {@code timeout-ms} count in milliseconds ({@code BLOCK 0} waits for ever). */
    private static void requirePositive(Errors errors, String field, Duration value) {
        if (Durations.isUnderOneMillisecond(value)) {
            errors.rejectValue(field, "positive", "must be a duration of at least 1ms");
        }
    }

    private static void requireNotNegative(Errors errors, String field, Duration value) {
        if (value == null || value.isNegative()) {
            errors.rejectValue(field, "notNegative", "must not be negative");
        }
    }

    /** Serving the application's @ClamatorService beans, whatever the transport. */
    public static class Server {

        /** Whether to serve the application's @ClamatorService beans. */
        private boolean enabled = true;

        /** Handlers in flight at once, per service (overridable per service). */
        private int concurrency = 1;

        /**
         * How long shutdown waits for in-flight handlers to finish; handlers still running then are
         * interrupted and their calls are handled again by another instance.
         */
        private Duration shutdownGrace = Duration.ofSeconds(5);

        /** Maximum size of an incoming envelope; larger ones are rejected. */
        private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

        /**
         * How long a handler may run before its call is answered with -32603 'Handler timed
         * out' and its thread interrupted (overridable per service, and per method with
         * @ClamatorMethod(handlerTimeoutMillis)). Not set: no limit.
         */
        private Duration handlerTimeout;

        /**
         * Whether replies to calls whose handler failed unexpectedly (-32603 Internal error)
         * carry the exception's message; the exception's type is always sent.
         */
        private boolean exposeErrorMessages = true;

        /** Settings of single services, by service name. */
        private final Map<String, Service> services = new LinkedHashMap<>();

        /** Where the deprecated Redis settings of this group go. */
        private Redis.Server redis;

        /** The deprecated Redis settings set, by their (kebab-case) names. */
        private final Set<String> setUnderDeprecatedNames = new LinkedHashSet<>();

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getConcurrency() {
            return this.concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public Duration getShutdownGrace() {
            return this.shutdownGrace;
        }

        public void setShutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = shutdownGrace;
        }

        public DataSize getMaxPayloadSize() {
            return this.maxPayloadSize;
        }

        public Duration getHandlerTimeout() {
            return this.handlerTimeout;
        }

        public void setHandlerTimeout(Duration handlerTimeout) {
            this.handlerTimeout = handlerTimeout;
        }

        public void setMaxPayloadSize(DataSize maxPayloadSize) {
            this.maxPayloadSize = maxPayloadSize;
        }

        public boolean isExposeErrorMessages() {
            return this.exposeErrorMessages;
        }

        public void setExposeErrorMessages(boolean exposeErrorMessages) {
            this.exposeErrorMessages = exposeErrorMessages;
        }

        public Map<String, Service> getServices() {
            return this.services;
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "clamator.redis.server.batch-size", since = "0.1.0")
        public int getBatchSize() {
            return this.redis.getBatchSize();
        }

        @Deprecated(since = "0.1.0")
        public void setBatchSize(int batchSize) {
            setUnderDeprecatedName("batch-size", () -> this.redis.batchSize = batchSize);
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "clamator.redis.server.block-time", since = "0.1.0")
        public Duration getBlockTime() {
            return this.redis.getBlockTime();
        }

        @Deprecated(since = "0.1.0")
        public void setBlockTime(Duration blockTime) {
            setUnderDeprecatedName("block-time", () -> this.redis.blockTime = blockTime);
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "clamator.redis.server.claim-idle", since = "0.1.0")
        public Duration getClaimIdle() {
            return this.redis.getClaimIdle();
        }

        @Deprecated(since = "0.1.0")
        public void setClaimIdle(Duration claimIdle) {
            setUnderDeprecatedName("claim-idle", () -> this.redis.claimIdle = claimIdle);
        }

        @Deprecated(since = "0.1.0")
        @DeprecatedConfigurationProperty(replacement = "clamator.redis.server.reply-stream-max-len", since = "0.1.0")
        public int getReplyStreamMaxLen() {
            return this.redis.getReplyStreamMaxLen();
        }

        @Deprecated(since = "0.1.0")
        public void setReplyStreamMaxLen(int replyStreamMaxLen) {
            setUnderDeprecatedName("reply-stream-max-len", () -> this.redis.replyStreamMaxLen = replyStreamMaxLen);
        }

        private void setUnderDeprecatedName(String name, Runnable set) {
            logger.warn("clamator.server." + name + " is deprecated: use clamator.redis.server." + name);
            this.setUnderDeprecatedNames.add(name);
            set.run(); // past the setter, which would count it as set under its own name
        }

        /** Settings of one service. */
        public static class Service {

            /** Handlers of this service in flight at once; when not set, 'clamator.server.concurrency'. */
            private Integer concurrency;

            /** How long a handler of this service may run; when not set, 'clamator.server.handler-timeout'. */
            private Duration handlerTimeout;

            public Integer getConcurrency() {
                return this.concurrency;
            }

            public void setConcurrency(Integer concurrency) {
                this.concurrency = concurrency;
            }

            public Duration getHandlerTimeout() {
                return this.handlerTimeout;
            }

            public void setHandlerTimeout(Duration handlerTimeout) {
                this.handlerTimeout = handlerTimeout;
            }
        }
    }

    /** Calling services. */
    public static class Client {

        /**
         * How long a call waits for its reply, unless the contract method sets its own
         * timeout.
         */
        private Duration defaultTimeout = Duration.ofSeconds(30);

        /**
         * Maximum size of a reply; the call of a larger one fails unread. One reply read takes
         * at most as many replies as make 64 MiB at this size.
         */
        private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

        public Duration getDefaultTimeout() {
            return this.defaultTimeout;
        }

        public void setDefaultTimeout(Duration defaultTimeout) {
            this.defaultTimeout = defaultTimeout;
        }

        public DataSize getMaxPayloadSize() {
            return this.maxPayloadSize;
        }

        public void setMaxPayloadSize(DataSize maxPayloadSize) {
            this.maxPayloadSize = maxPayloadSize;
        }
    }

    /** JSON mapping of params and results. */
    public static class Json {

        /** Whether params and results with fields the Java type does not know are rejected. */
        private boolean strictUnknownFields;

        public boolean isStrictUnknownFields() {
            return this.strictUnknownFields;
        }

        public void setStrictUnknownFields(boolean strictUnknownFields) {
            this.strictUnknownFields = strictUnknownFields;
        }
    }

    /** The Redis Streams transport: where Redis is, and its settings. */
    public static class Redis {

        /**
         * URL of a Redis server for clamator alone, e.g. 'redis://user:secret@host:6379/0', or
         * 'rediss://host:6380' for TLS ('clamator.redis.cluster.nodes' for a cluster). When
         * neither is set, clamator uses the application's Redis
         * connection ('spring.data.redis.*') when one is configured, else $REDIS_URL, else
         * 'redis://localhost:6379'.
         */
        private String url;

        private final Cluster cluster = new Cluster();

        private final Ssl ssl = new Ssl();

        /**
         * How long a Redis command may go unanswered before it fails; blocking reads get their
         * block time on top. Bounds how long a loop waits on a connection that has silently gone.
         */
        private Duration commandTimeout = Duration.ofSeconds(10);

        /**
         * Whether Lettuce connections consolidate socket flushes: commands written while an event
         * loop is busy leave in one write. Applies to Boot's Lettuce ClientResources, and so to the
         * application's other Redis connections too.
         */
        private boolean flushConsolidation = true;

        /**
         * Time to live of reply streams: servers give it to every reply stream they write to, and
         * a live client renews it on its own, so the reply streams of clients that are gone
         * disappear by themselves.
         */
        private Duration replyStreamTtl = Duration.ofMinutes(5);

        private final Server server = new Server();

        private final Client client = new Client();

        public String getUrl() {
            return this.url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public Cluster getCluster() {
            return this.cluster;
        }

        public Ssl getSsl() {
            return this.ssl;
        }

        public Duration getCommandTimeout() {
            return this.commandTimeout;
        }

        public void setCommandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
        }

        public boolean isFlushConsolidation() {
            return this.flushConsolidation;
        }

        public Duration getReplyStreamTtl() {
            return this.replyStreamTtl;
        }

        public void setReplyStreamTtl(Duration replyStreamTtl) {
            this.replyStreamTtl = replyStreamTtl;
        }

        public void setFlushConsolidation(boolean flushConsolidation) {
            this.flushConsolidation = flushConsolidation;
        }

        public Server getServer() {
            return this.server;
        }

        public Client getClient() {
            return this.client;
        }

        /** A Redis Cluster for clamator alone, instead of 'clamator.redis.url'. */
        public static class Cluster {

            /**
             * Seed nodes of a Redis Cluster for clamator alone, as 'host:port' or
             * 'redis://user:secret@host:port' ('rediss://' for TLS); a few suffice, the rest of
             * the topology is discovered and followed through failovers.
             */
            private List<String> nodes = new ArrayList<>();

            public List<String> getNodes() {
                return this.nodes;
            }

            public void setNodes(List<String> nodes) {
                this.nodes = nodes;
            }
        }

        /** TLS to the Redis of 'clamator.redis.url' or 'clamator.redis.cluster.nodes'. */
        public static class Ssl {

            /**
             * Name of the SSL bundle ('spring.ssl.bundle.*') for TLS connections to the Redis of
             * 'clamator.redis.url' or the nodes of 'clamator.redis.cluster.nodes'; setting it turns
             * TLS on. Without it a 'rediss://' URL trusts what the JVM's trust store trusts.
             */
            private String bundle;

            public String getBundle() {
                return this.bundle;
            }

            public void setBundle(String bundle) {
                this.bundle = bundle;
            }
        }

        /** How the server reads and answers its services' command streams. */
        public static class Server {

            /**
             * Maximum number of messages read from a service's stream in one read. A read asks for
             * no more than the service's free handler slots plus the prefetch.
             */
            private int batchSize = 16;

            /**
             * Messages of a service read beyond its free handler slots, to wait behind the running
             * handlers. Saves a Redis round trip per call for services with few slots under load;
             * a stuck handler holds them up until it returns or handler-timeout ends it (the instance
             * keeps them claimed).
             */
            private int prefetch;

            /** How long one blocking read of a service's stream waits for messages. */
            private Duration blockTime = Duration.ofSeconds(1);

            /**
             * How long a message may stay unacknowledged by a consumer before another instance
             * claims it (a crashed instance's calls are retried after this).
             */
            private Duration claimIdle = Duration.ofSeconds(60);

            /** Approximate maximum length of the reply streams the server writes to. */
            private int replyStreamMaxLen = 1024;

            /**
             * How long a consumer of a served service's group may stay idle with nothing pending
             * before it is removed (the consumer of an instance that is gone).
             */
            private Duration consumerIdleTimeout = Duration.ofMinutes(10);

            /**
             * How often a message may be delivered before it goes to the dead letters
             * ('<key-prefix>:dead-letters') instead of being handled again; its caller is answered
             * -32603 'Delivery limit exceeded'. Only messages whose instance disappeared before
             * acknowledging them are delivered again.
             */
            private int maxDeliveries = 5;

            /**
             * Whether handled messages stay in the command streams. By default a message is
             * deleted when it is acknowledged; keep them only when something else reads the
             * command streams, and trim them yourself.
             */
            private boolean keepHandledEntries;

            /**
             * How often each served service's command stream is read for the stream gauges
             * (length, lag, pending, oldest pending age) when a meter registry is present.
             */
            private Duration streamMetricsInterval = Duration.ofSeconds(10);

            /** Those of the settings that have deprecated former names set under their own names. */
            private final Set<String> setUnderTheirNames = new LinkedHashSet<>();

            public int getBatchSize() {
                return this.batchSize;
            }

            public void setBatchSize(int batchSize) {
                this.batchSize = batchSize;
                this.setUnderTheirNames.add("batch-size");
            }

            public int getPrefetch() {
                return this.prefetch;
            }

            public void setPrefetch(int prefetch) {
                this.prefetch = prefetch;
            }

            public Duration getBlockTime() {
                return this.blockTime;
            }

            public void setBlockTime(Duration blockTime) {
                this.blockTime = blockTime;
                this.setUnderTheirNames.add("block-time");
            }

            public Duration getClaimIdle() {
                return this.claimIdle;
            }

            public void setClaimIdle(Duration claimIdle) {
                this.claimIdle = claimIdle;
                this.setUnderTheirNames.add("claim-idle");
            }

            public int getReplyStreamMaxLen() {
                return this.replyStreamMaxLen;
            }

            public void setReplyStreamMaxLen(int replyStreamMaxLen) {
                this.replyStreamMaxLen = replyStreamMaxLen;
                this.setUnderTheirNames.add("reply-stream-max-len");
            }

            public int getMaxDeliveries() {
                return this.maxDeliveries;
            }

            public void setMaxDeliveries(int maxDeliveries) {
                this.maxDeliveries = maxDeliveries;
            }

            public Duration getConsumerIdleTimeout() {
                return this.consumerIdleTimeout;
            }

            public void setConsumerIdleTimeout(Duration consumerIdleTimeout) {
                this.consumerIdleTimeout = consumerIdleTimeout;
            }

            public boolean isKeepHandledEntries() {
                return this.keepHandledEntries;
            }

            public void setKeepHandledEntries(boolean keepHandledEntries) {
                this.keepHandledEntries = keepHandledEntries;
            }

            public Duration getStreamMetricsInterval() {
                return this.streamMetricsInterval;
            }

            public void setStreamMetricsInterval(Duration streamMetricsInterval) {
                this.streamMetricsInterval = streamMetricsInterval;
            }
        }

        /** How clients read their replies. */
        public static class Client {

            /** How long one blocking read of a client's reply stream waits for replies. */
            private Duration blockTime = Duration.ofSeconds(1);

            public Duration getBlockTime() {
                return this.blockTime;
            }

            public void setBlockTime(Duration blockTime) {
                this.blockTime = blockTime;
            }
        }
    }

    /** Another clamator deployment this application calls. */
    public static class Backend {

        /** Key prefix of the backend's services; when not set, the backend's name. */
        private String keyPrefix;

        /**
         * How long calls to this backend wait for their reply; when not set,
         * 'clamator.client.default-timeout'.
         */
        private Duration defaultTimeout;

        public String getKeyPrefix() {
            return this.keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public Duration getDefaultTimeout() {
            return this.defaultTimeout;
        }

        public void setDefaultTimeout(Duration defaultTimeout) {
            this.defaultTimeout = defaultTimeout;
        }
    }
}
