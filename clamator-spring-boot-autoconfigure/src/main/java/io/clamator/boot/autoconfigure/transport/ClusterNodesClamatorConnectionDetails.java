package io.clamator.boot.autoconfigure.transport;

import io.lettuce.core.RedisURI;
import java.util.List;
import org.springframework.boot.ssl.SslBundle;

/**
 * The seed nodes of {@code clamator.redis.cluster.nodes} (with {@code clamator.redis.ssl.bundle}):
 * {@code host:port} or a Redis URL each.
 */
class ClusterNodesClamatorConnectionDetails implements ClamatorRedisConnectionDetails {

    static final String ORIGIN = "clamator.redis.cluster.nodes";

    private final List<String> nodes;

    private final SslBundle sslBundle;

    ClusterNodesClamatorConnectionDetails(List<String> nodes, SslBundle sslBundle) {
        this.nodes = List.copyOf(nodes);
        this.sslBundle = sslBundle;
    }

    @Override
    public List<RedisURI> getClusterNodes() {
        return this.nodes.stream()
                .map(node -> UrlClamatorConnectionDetails.uri(node.contains("://") ? node : "redis://" + node, this.sslBundle))
                .toList();
    }

    /** The first seed node, for callers that ask for one URI; clamator connects through all {@link #getClusterNodes() nodes}. */
    @Override
    public RedisURI getRedisUri() {
        return getClusterNodes().get(0);
    }

    @Override
    public SslBundle getSslBundle() {
        return this.sslBundle;
    }

    @Override
    public String getOrigin() {
        return ORIGIN;
    }
}
