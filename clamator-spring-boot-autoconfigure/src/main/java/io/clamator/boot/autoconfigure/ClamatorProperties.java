package io.clamator.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for clamator ({@code clamator.*}).
 */
@ConfigurationProperties("clamator")
public class ClamatorProperties {

    /** The default {@link #getKeyPrefix() key prefix}. */
    public static final String DEFAULT_KEY_PREFIX = "clamator";

    /**
     * Transport that carries calls: 'redis' (Redis Streams) or 'memory' (in-process, for tests).
     * When not set: 'memory' while one of the profiles in 'clamator.test-profiles' is active,
     * otherwise 'redis'.
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
     * Profiles that swap in the memory transport when 'clamator.transport' is not set.
     */
    private List<String> testProfiles = new ArrayList<>(List.of("test"));

    private final Server server = new Server();

    private final Client client = new Client();

    private final Json json = new Json();

    private final Redis redis = new Redis();

    /**
     * Other clamator deployments this application calls, by name: each with its own key prefix
     * and default timeout, selected per injection point with @ClamatorClient(backend = "name").
     */
    private final Map<String, Backend> backends = new LinkedHashMap<>();

    public ClamatorTransport getTransport() {
        return transport;
    }

    public void setTransport(ClamatorTransport transport) {
        this.transport = transport;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public List<String> getTestProfiles() {
        return testProfiles;
    }

    public void setTestProfiles(List<String> testProfiles) {
        this.testProfiles = testProfiles;
    }

    public Server getServer() {
        return server;
    }

    public Client getClient() {
        return client;
    }

    public Json getJson() {
        return json;
    }

    public Redis getRedis() {
        return redis;
    }

    public Map<String, Backend> getBackends() {
        return backends;
    }

    /** Serving the application's @ClamatorService beans. */
    public static class Server {

        /** Whether to serve the application's @ClamatorService beans. */
        private boolean enabled = true;

        /** Maximum number of messages read from a service's stream in one read. */
        private int batchSize = 16;

        /** How long one blocking read of a service's stream waits for messages. */
        private Duration blockTime = Duration.ofSeconds(1);

        /**
         * How long a message may stay unacknowledged by a consumer before another instance
         * claims it (a crashed instance's calls are retried after this).
         */
        private Duration claimIdle = Duration.ofSeconds(60);

        /** How long shutdown waits for in-flight handlers to finish. */
        private Duration shutdownGrace = Duration.ofSeconds(5);

        /** Approximate maximum length of the reply streams the server writes to. */
        private int replyStreamMaxLen = 1024;

        /** Handlers in flight at once, per service (overridable per service). */
        private int concurrency = 1;

        /** Maximum size of an incoming envelope; larger ones are rejected. */
        private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

        /**
         * Whether replies to calls whose handler failed unexpectedly (-32603 Internal error)
         * carry the exception's message; the exception's type is always sent.
         */
        private boolean exposeErrorMessages = true;

        /** Settings of single services, by service name. */
        private final Map<String, Service> services = new LinkedHashMap<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getBlockTime() {
            return blockTime;
        }

        public void setBlockTime(Duration blockTime) {
            this.blockTime = blockTime;
        }

        public Duration getClaimIdle() {
            return claimIdle;
        }

        public void setClaimIdle(Duration claimIdle) {
            this.claimIdle = claimIdle;
        }

        public Duration getShutdownGrace() {
            return shutdownGrace;
        }

        public void setShutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = shutdownGrace;
        }

        public int getReplyStreamMaxLen() {
            return replyStreamMaxLen;
        }

        public void setReplyStreamMaxLen(int replyStreamMaxLen) {
            this.replyStreamMaxLen = replyStreamMaxLen;
        }

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public DataSize getMaxPayloadSize() {
            return maxPayloadSize;
        }

        public void setMaxPayloadSize(DataSize maxPayloadSize) {
            this.maxPayloadSize = maxPayloadSize;
        }

        public boolean isExposeErrorMessages() {
            return exposeErrorMessages;
        }

        public void setExposeErrorMessages(boolean exposeErrorMessages) {
            this.exposeErrorMessages = exposeErrorMessages;
        }

        public Map<String, Service> getServices() {
            return services;
        }

        /** Settings of one service. */
        public static class Service {

            /** Handlers of this service in flight at once; when not set, 'clamator.server.concurrency'. */
            private Integer concurrency;

            public Integer getConcurrency() {
                return concurrency;
            }

            public void setConcurrency(Integer concurrency) {
                this.concurrency = concurrency;
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

        public Duration getDefaultTimeout() {
            return defaultTimeout;
        }

        public void setDefaultTimeout(Duration defaultTimeout) {
            this.defaultTimeout = defaultTimeout;
        }
    }

    /** JSON mapping of params and results. */
    public static class Json {

        /** Whether params and results with fields the Java type does not know are rejected. */
        private boolean strictUnknownFields;

        public boolean isStrictUnknownFields() {
            return strictUnknownFields;
        }

        public void setStrictUnknownFields(boolean strictUnknownFields) {
            this.strictUnknownFields = strictUnknownFields;
        }
    }

    /** The Redis server clamator uses. */
    public static class Redis {

        /**
         * URL of a Redis server for clamator alone, e.g. 'redis://user:secret@host:6379/0'. When
         * not set, clamator uses the application's Redis connection ('spring.data.redis.*').
         */
        private String url;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
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
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public Duration getDefaultTimeout() {
            return defaultTimeout;
        }

        public void setDefaultTimeout(Duration defaultTimeout) {
            this.defaultTimeout = defaultTimeout;
        }
    }
}
