package io.clamator.transport.redis;

import io.clamator.health.ClamatorHealth;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Opens a transport's Redis connections, to one Redis or to a Redis Cluster: from an injected
 * Lettuce client (never shut down here) or from one made by {@link RedisClientFactory} and owned
 * by the transport, on the application's resources or else on {@link ClamatorClientResources} of
 * its own. Keys are strings, values raw bytes, so that envelopes are parsed from exactly what is
 * on the wire. Every connection times out its commands after the command timeout; a connection
 * for blocking reads gets their block time on top.
 */
final class RedisConnector {

    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** How long releasing waits for the threads of the transport's own resources to end. */
    private static final Duration RESOURCES_SHUTDOWN = Duration.ofSeconds(2);

    /** {@code null} on a cluster. */
    private final RedisClient client;
    /** {@code null} on one Redis. */
    private final RedisClusterClient clusterClient;
    private final RedisURI uri;
    private final String address;
    private final String origin;
    private final Duration commandTimeout;
    private final boolean ownsClient;
    private final ClientResources ownedResources;

    private RedisConnector(RedisClient client, RedisClusterClient clusterClient, RedisURI uri, String address, String origin,
                           Duration commandTimeout, boolean ownsClient, ClientResources ownedResources) {
        this.client = client;
        this.clusterClient = clusterClient;
        this.uri = uri;
        this.address = address;
        this.origin = origin;
        this.commandTimeout = commandTimeout;
        this.ownsClient = ownsClient;
        this.ownedResources = ownedResources;
    }

    /**
     * A connector to one Redis.
     *
     * @param injected       a client supplied by the application, or {@code null} to create one
     * @param uri            where to connect; {@code null} uses the injected client's own default URI,
     *                       else {@code $REDIS_URL}, else {@code redis://localhost:6379}
     * @param origin         where {@code uri} was configured, for messages, or {@code null}
     * @param resources      event loops to share when creating a client, or {@code null}
     * @param commandTimeout how long a command may go unanswered
     */
    static RedisConnector create(RedisClient injected, RedisURI uri, String origin, ClientResources resources,
            Duration commandTimeout) {
        if (injected != null) {
            return new RedisConnector(injected, null, uri, uri == null ? null : uri.toString(), origin, commandTimeout, false, null);
        }
        RedisURI target = uri;
        String targetOrigin = origin;
        if (uri == null) {
            String fromEnvironment = System.getenv("REDIS_URL");
            boolean fromVariable = fromEnvironment != null && !fromEnvironment.isBlank();
            target = RedisURI.create(fromVariable ? fromEnvironment : "redis://localhost:6379");
            targetOrigin = fromVariable ? "REDIS_URL" : "the default: neither redisUri nor REDIS_URL is set";
        }
        ClientResources ownedResources = resources == null ? ClamatorClientResources.create() : null;
        RedisClient created = RedisClientFactory.builder().build().create(resources != null ? resources : ownedResources);
        return new RedisConnector(created, null, target, target.toString(), targetOrigin, commandTimeout, true, ownedResources);
    }

    /**
     * A connector to a Redis Cluster.
     *
     * @param injected       a cluster client supplied by the application (connecting to its own seed
     *                       nodes), or {@code null} to create one for {@code seedNodes}
     * @param seedNodes      nodes to learn the topology from when creating a client; with an injected
     *                       client, the nodes to name in messages, or {@code null}
     * @param origin         where the nodes were configured, for messages, or {@code null}
     * @param resources      event loops to share when creating a client, or {@code null}
     * @param commandTimeout how long a command may go unanswered
     */
    static RedisConnector createCluster(RedisClusterClient injected, List<RedisURI> seedNodes, String origin,
            ClientResources resources, Duration commandTimeout) {
        String address = seedNodes == null ? "the Redis Cluster of the injected RedisClusterClient"
                : "Redis Cluster " + seedNodes.stream().map(RedisURI::toString).collect(Collectors.joining(", "));
        if (injected != null) {
            return new RedisConnector(null, injected, null, address, origin, commandTimeout, false, null);
        }
        ClientResources ownedResources = resources == null ? ClamatorClientResources.create() : null;
        RedisClusterClient created;
        try {
            created = RedisClientFactory.builder().build().createCluster(resources != null ? resources : ownedResources, seedNodes);
        } catch (RuntimeException e) {
            if (ownedResources != null) {
                ownedResources.shutdown(0, RESOURCES_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
            }
            throw e;
        }
        return new RedisConnector(null, created, null, address, origin, commandTimeout, true, ownedResources);
    }

    /** Whether the connections go to a Redis Cluster. */
    boolean isCluster() {
        return clusterClient != null;
    }

    /** Whether a script may touch several keys of {@code keyPrefix} ({@link HashTags#keepsKeysTogether}). */
    boolean keepsKeysTogether(String keyPrefix) {
        return HashTags.keepsKeysTogether(isCluster(), keyPrefix);
    }

    /**
     * Opens a connection for ordinary commands.
     *
     * @throws RedisUnavailableException when Redis cannot be reached
     */
    TransportConnection<byte[]> connect() {
        return connect(Duration.ZERO);
    }

    /**
     * Opens a connection for blocking reads of up to {@code blockTime}.
     *
     * @throws RedisUnavailableException when Redis cannot be reached
     */
    TransportConnection<byte[]> connectForBlockingReads(Duration blockTime) {
        return connect(blockTime);
    }

    private TransportConnection<byte[]> connect(Duration blockTime) {
        TransportConnection<byte[]> connection;
        try {
            if (clusterClient != null) {
                StatefulRedisClusterConnection<String, byte[]> cluster = clusterClient.connect(CODEC);
                cluster.setTimeout(commandTimeout.plus(blockTime));
                connection = TransportConnection.of(cluster);
            } else {
                StatefulRedisConnection<String, byte[]> single = uri != null ? client.connect(CODEC, uri) : client.connect(CODEC);
                single.setTimeout(commandTimeout.plus(blockTime));
                connection = TransportConnection.of(single);
            }
        } catch (RuntimeException e) {
            throw new RedisUnavailableException(address, origin, e);
        }
        return connection;
    }

    /** The resources the connections run on: their event loops and timer. */
    ClientResources resources() {
        return clusterClient != null ? clusterClient.getResources() : client.getResources();
    }

    /** The URI (or cluster nodes) connections go to, password masked, and where it was configured. */
    String describe() {
        return RedisUnavailableException.where(address, origin);
    }

    /** Shuts the client down if the transport created it, and its resources if they are its own. */
    void release() {
        if (ownsClient) {
            if (clusterClient != null) {
                clusterClient.shutdown();
            } else {
                client.shutdown();
            }
        }
        if (ownedResources != null) {
            ownedResources.shutdown(0, RESOURCES_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(RESOURCES_SHUTDOWN.toMillis());
        }
    }

    /** The health of a connection opened here: {@code UP} while it is connected. */
    static ClamatorHealth health(TransportConnection<?> connection) {
        return connection != null && connection.isOpen() ? ClamatorHealth.up(Map.of())
                : ClamatorHealth.down(Map.of("connection", "not connected to Redis; reconnecting"));
    }
}
