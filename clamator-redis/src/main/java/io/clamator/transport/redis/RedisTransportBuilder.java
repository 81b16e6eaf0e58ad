package io.clamator.transport.redis;

import io.clamator.internal.Durations;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The connection settings Redis servers and clients share: one Redis ({@link #redisUri},
 * {@link #redisClient}) or a Redis Cluster ({@link #redisCluster}, {@link #redisClusterClient}).
 *
 * @param <B> the concrete builder
 */
public abstract class RedisTransportBuilder<B extends RedisTransportBuilder<B>> {

    /** How long a Redis command may go unanswered by default. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private String keyPrefix;
    private RedisURI redisUri;
    private String redisUriOrigin;
    private RedisClient redisClient;
    private List<RedisURI> clusterNodes;
    private String clusterNodesOrigin;
    private RedisClusterClient redisClusterClient;
    private ClientResources clientResources;
    private String instanceId;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

    RedisTransportBuilder() {
    }

    /** Required. Identifies a backend (not a service): every key starts with it. */
    public B keyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
        return self();
    }

    /** Where Redis is, e.g. {@code redis://localhost:6379}; default {@code $REDIS_URL}, else localhost. */
    public B redisUri(String url) {
        return redisUri(RedisURI.create(url));
    }

    /** Where Redis is, with every Lettuce setting (TLS, credentials, sentinel, database). */
    public B redisUri(RedisURI uri) {
        return redisUri(uri, null);
    }

    /**
     * Where Redis is, and where that was configured, e.g. {@code "REDIS_URL"} or
     * {@code "spring.data.redis.*"}: named with the address in startup lines and in
     * {@link RedisUnavailableException}, so that a wrong address points to where it is set.
     */
    public B redisUri(RedisURI uri, String origin) {
        this.redisUri = uri;
        this.redisUriOrigin = origin;
        return self();
    }

    /**
     * An application-owned Lettuce client to open connections with; the transport never shuts it
     * down. Without {@link #redisUri}, its own default URI is used.
     */
    public B redisClient(RedisClient client) {
        this.redisClient = client;
        return self();
    }

    /**
     * Connects to a Redis Cluster, learning its topology from these nodes (a few suffice), e.g.
     * {@code redis://10.0.0.1:6379}. Each command goes to the node that owns its key, and the
     * topology is followed through failovers. Instead of {@link #redisUri}.
     */
    public B redisCluster(String... nodeUrls) {
        return redisCluster(Arrays.stream(nodeUrls).map(RedisURI::create).toList(), null);
    }

    /**
     * Connects to a Redis Cluster through these seed nodes (with credentials and TLS), and where
     * they were configured, for messages (e.g. {@code "spring.data.redis.cluster.nodes"}).
     */
    public B redisCluster(List<RedisURI> seedNodes, String origin) {
        if (seedNodes == null || seedNodes.isEmpty()) {
            throw new IllegalArgumentException("a Redis Cluster needs at least one seed node");
        }
        this.clusterNodes = List.copyOf(seedNodes);
        this.clusterNodesOrigin = origin;
        return self();
    }

    /**
     * An application-owned Lettuce cluster client to open connections with, connecting to its own
     * seed nodes; the transport never shuts it down. With {@link #redisCluster(List, String)} as
     * well, those nodes and their origin name the cluster in startup lines and errors.
     */
    public B redisClusterClient(RedisClusterClient client) {
        this.redisClusterClient = client;
        return self();
    }

    /**
     * Event loops to share when the transport creates its own client; default resources of the
     * transport's own ({@link ClamatorClientResources#create()}), shut down when it stops.
     */
    public B clientResources(ClientResources resources) {
        this.clientResources = resources;
        return self();
    }

    /** This instance's id; default a random UUID. */
    public B instanceId(String instanceId) {
        this.instanceId = instanceId;
        return self();
    }

    /**
     * How long a command may go unanswered before it fails (a blocking read gets its block time on
     * top); default 10 s. It bounds how long a loop waits on a connection that has silently gone.
     */
    public B commandTimeout(Duration timeout) {
        requirePositive("commandTimeout", timeout);
        this.commandTimeout = timeout;
        return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    String requiredKeyPrefix() {
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new IllegalArgumentException("a key prefix is required");
        }
        return keyPrefix;
    }

    String instanceIdOrRandom() {
        if (instanceId == null) {
            return UUID.randomUUID().toString();
        }
        if (instanceId.isBlank()) {
            throw new IllegalArgumentException("the instance id must not be blank");
        }
        return instanceId;
    }

    RedisConnector connector() {
        boolean cluster = clusterNodes != null || redisClusterClient != null;
        if (cluster && (redisUri != null || redisClient != null)) {
            throw new IllegalArgumentException("configure either one Redis (redisUri, redisClient) or a Redis Cluster"
                    + " (redisCluster, redisClusterClient), not both");
        }
        if (cluster) {
            return RedisConnector.createCluster(redisClusterClient, clusterNodes, clusterNodesOrigin, clientResources, commandTimeout);
        }
        return RedisConnector.create(redisClient, redisUri, redisUriOrigin, clientResources, commandTimeout);
    }

    static void requirePositive(String what, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }

    /** At least a millisecond: Redis counts in milliseconds, and a block time of 0 would block for ever. */
    static void requirePositive(String what, Duration value) {
        Durations.requireAtLeastOneMillisecond(what, value);
    }
}
