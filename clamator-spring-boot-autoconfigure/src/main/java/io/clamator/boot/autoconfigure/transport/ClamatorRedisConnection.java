package io.clamator.boot.autoconfigure.transport;

import io.clamator.transport.redis.ClamatorClientResources;
import io.clamator.transport.redis.RedisClientFactory;
import io.clamator.transport.redis.RedisDeadLetters;
import io.clamator.transport.redis.RedisServiceStreams;
import io.clamator.transport.redis.RedisTransportBuilder;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ssl.SslBundle;

/**
 * The Lettuce client clamator's Redis servers and clients open their connections with: a
 * {@link RedisClient} and the URI it connects to, or a {@link RedisClusterClient} and the
 * cluster's seed nodes. Created from the {@link ClamatorRedisConnectionDetails}; shut down when
 * the context closes, after the server and clients have stopped, so Redis connections close last.
 */
public final class ClamatorRedisConnection implements DisposableBean {

    private final RedisClient client;

    private final RedisURI uri;

    private final RedisClusterClient clusterClient;

    private final List<RedisURI> clusterNodes;

    private final String origin;

    private final boolean ownsClient;

    private final ClientResources ownedResources;

    /**
     * A connection to one Redis (or a sentinel-managed one).
     *
     * @param client     the Lettuce client
     * @param uri        where to connect
     * @param origin     where the settings come from, for messages
     * @param ownsClient whether {@link #destroy()} shuts the client down
     */
    public ClamatorRedisConnection(RedisClient client, RedisURI uri, String origin, boolean ownsClient) {
        this(client, uri, null, List.of(), origin, ownsClient, null);
    }

    /**
     * A connection to a Redis Cluster.
     *
     * @param clusterClient the Lettuce cluster client, connecting to its own seed nodes
     * @param clusterNodes  those seed nodes, for messages (may be empty)
     * @param origin        where the settings come from, for messages
     * @param ownsClient    whether {@link #destroy()} shuts the client down
     */
    public ClamatorRedisConnection(RedisClusterClient clusterClient, List<RedisURI> clusterNodes, String origin, boolean ownsClient) {
        this(null, null, clusterClient, clusterNodes, origin, ownsClient, null);
    }

    private ClamatorRedisConnection(RedisClient client, RedisURI uri, RedisClusterClient clusterClient, List<RedisURI> clusterNodes,
            String origin, boolean ownsClient, ClientResources ownedResources) {
        this.client = client;
        this.uri = uri;
        this.clusterClient = clusterClient;
        this.clusterNodes = (clusterNodes != null) ? List.copyOf(clusterNodes) : List.of();
        this.origin = origin;
        this.ownsClient = ownsClient;
        this.ownedResources = ownedResources;
    }

    /**
     * Creates a Lettuce client (a cluster client when the details name cluster nodes) for the
     * given details with {@link RedisClientFactory} (the options plain-Java transports get too),
     * with the details' SSL bundle and connect timeout.
     *
     * @param resources          event loops to share, or {@code null} for resources of the client's own
     * @param flushConsolidation whether resources of the client's own consolidate flushes
     *                           ({@link ClamatorClientResources})
     */
    public static ClamatorRedisConnection create(ClamatorRedisConnectionDetails details, ClientResources resources,
            boolean flushConsolidation) {
        RedisClientFactory.Builder factoryBuilder = RedisClientFactory.builder().connectTimeout(details.getConnectTimeout());
        SslBundle bundle = details.getSslBundle();
        if (bundle != null) {
            factoryBuilder.sslOptions(sslOptions(bundle));
        }
        RedisClientFactory factory = factoryBuilder.build();
        List<RedisURI> nodes = details.getClusterNodes();
        RedisURI uri = nodes.isEmpty() ? details.getRedisUri() : null;
        ClientResources ownedResources = (resources == null) ? ClamatorClientResources.create(flushConsolidation) : null;
        ClientResources used = (resources != null) ? resources : ownedResources;
        try {
            if (!nodes.isEmpty()) {
                return new ClamatorRedisConnection(null, null, factory.createCluster(used, nodes), nodes, details.getOrigin(), true,
                        ownedResources);
            }
            return new ClamatorRedisConnection(factory.create(used), uri, null, List.of(), details.getOrigin(), true, ownedResources);
        }
        catch (RuntimeException ex) {
            if (ownedResources != null) {
                ownedResources.shutdown();
            }
            throw ex;
        }
    }

    private static SslOptions sslOptions(SslBundle bundle) {
        SslOptions.Builder ssl = SslOptions.builder()
                .keyManager(bundle.getManagers().getKeyManagerFactory())
                .trustManager(bundle.getManagers().getTrustManagerFactory());
        if (bundle.getOptions().getCiphers() != null) {
            ssl.cipherSuites(bundle.getOptions().getCiphers());
        }
        if (bundle.getOptions().getEnabledProtocols() != null) {
            ssl.protocols(bundle.getOptions().getEnabledProtocols());
        }
        return ssl.build();
    }

    /** Points a Redis server or client builder at this connection's Redis, and names where it is configured. */
    public <B extends RedisTransportBuilder<B>> B applyTo(B builder) {
        if (isCluster()) {
            builder.redisClusterClient(this.clusterClient);
            return this.clusterNodes.isEmpty() ? builder : builder.redisCluster(this.clusterNodes, this.origin);
        }
        return builder.redisClient(this.client).redisUri(this.uri, this.origin);
    }

    /**
     * The service streams of a key prefix, on a connection of this client whose commands wait up to
     * {@code commandTimeout}; closing closes only that connection.
     */
    public RedisServiceStreams serviceStreams(String keyPrefix, Duration commandTimeout) {
        return isCluster() ? RedisServiceStreams.using(this.clusterClient, keyPrefix, commandTimeout)
                : RedisServiceStreams.using(this.client, this.uri, keyPrefix, commandTimeout);
    }

    /**
     * The dead letters of a key prefix, on a connection of this client whose commands wait up to
     * {@code commandTimeout}; closing closes only that connection.
     */
    public RedisDeadLetters deadLetters(String keyPrefix, Duration commandTimeout) {
        return isCluster() ? RedisDeadLetters.using(this.clusterClient, keyPrefix, commandTimeout)
                : RedisDeadLetters.using(this.client, this.uri, keyPrefix, commandTimeout);
    }

    /** Whether this is a connection to a Redis Cluster. */
    public boolean isCluster() {
        return this.clusterClient != null;
    }

    /** The client of one Redis; {@code null} for a cluster. */
    public RedisClient getClient() {
        return this.client;
    }

    /** Where the client of one Redis connects; {@code null} for a cluster. */
    public RedisURI getUri() {
        return this.uri;
    }

    /** The cluster client; {@code null} for one Redis. */
    public RedisClusterClient getClusterClient() {
        return this.clusterClient;
    }

    /** The cluster's seed nodes; empty for one Redis. */
    public List<RedisURI> getClusterNodes() {
        return this.clusterNodes;
    }

    /** Where the connection settings come from, e.g. {@code clamator.redis.url}. */
    public String getOrigin() {
        return this.origin;
    }

    @Override
    public void destroy() {
        if (this.ownsClient) {
            if (this.clusterClient != null) {
                this.clusterClient.shutdown();
            } else {
                this.client.shutdown();
            }
        }
        if (this.ownedResources != null) {
            this.ownedResources.shutdown();
        }
    }
}
