package io.clamator.transport.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.Objects;

/**
 * Creates the Lettuce clients clamator's Redis transport connects with, plain Java and Spring
 * Boot alike, with one set of options:
 * <ul>
 *   <li>reconnect automatically, and reject commands while disconnected, so that a caller learns of
 *       an outage at once instead of waiting for its timeout;</li>
 *   <li>time out every command, each connection after its own timeout (the transport gives its
 *       blocking reads their block time on top of the command timeout);</li>
 *   <li>an optional connect timeout and TLS options.</li>
 * </ul>
 * Cluster clients get the same, and follow the cluster's topology.
 * The caller owns the client and the resources it runs on, and shuts both down.
 */
public final class RedisClientFactory {

    /** How often a cluster client reads the cluster's topology again, besides when Redis says it changed. */
    static final int TOPOLOGY_REFRESH_SECONDS = 30;

    private final Duration connectTimeout;
    private final SslOptions sslOptions;

    private RedisClientFactory(Builder builder) {
        this.connectTimeout = builder.connectTimeout;
        this.sslOptions = builder.sslOptions;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new client on the given resources, not yet connected. */
    public RedisClient create(ClientResources resources) {
        RedisClient client = RedisClient.create(Objects.requireNonNull(resources, "resources"));
        client.setOptions(clientOptions());
        return client;
    }

    /**
     * A new Redis Cluster client on the given resources, not yet connected, learning the topology
     * from {@code seedNodes}. Besides this factory's options it refreshes its view of the cluster
     * every {@value #TOPOLOGY_REFRESH_SECONDS} s and whenever Redis redirects a command or a node
     * keeps failing to reconnect, so that after a failover commands go to the new master.
     */
    public RedisClusterClient createCluster(ClientResources resources, Iterable<RedisURI> seedNodes) {
        RedisClusterClient client = RedisClusterClient.create(Objects.requireNonNull(resources, "resources"),
                Objects.requireNonNull(seedNodes, "seedNodes"));
        client.setOptions(clusterClientOptions());
        return client;
    }

    /** The options every cluster client of this factory gets. */
    ClusterClientOptions clusterClientOptions() {
        return ClusterClientOptions.builder(clientOptions())
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(Duration.ofSeconds(TOPOLOGY_REFRESH_SECONDS))
                        .enableAllAdaptiveRefreshTriggers()
                        .build())
                .build();
    }

    /** The options every client of this factory gets. */
    ClientOptions clientOptions() {
        ClientOptions.Builder options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(true).connectionTimeout().build());
        if (connectTimeout != null) {
            options.socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build());
        }
        if (sslOptions != null) {
            options.sslOptions(sslOptions);
        }
        return options.build();
    }

    /** Configures a {@link RedisClientFactory}. */
    public static final class Builder {

        private Duration connectTimeout;
        private SslOptions sslOptions;

        private Builder() {
        }

        /** How long connecting may take; default Lettuce's (10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** Key and trust material, cipher suites and protocols for TLS ({@code rediss://}) connections. */
        public Builder sslOptions(SslOptions options) {
            this.sslOptions = options;
            return this;
        }

        public RedisClientFactory build() {
            return new RedisClientFactory(this);
        }
    }
}
