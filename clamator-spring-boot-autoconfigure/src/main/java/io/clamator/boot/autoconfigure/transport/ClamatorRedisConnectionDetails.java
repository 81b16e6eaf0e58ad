package io.clamator.boot.autoconfigure.transport;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.ssl.SslBundle;

/**
 * Where clamator's Redis (one server, sentinels, or a cluster) is and how to reach it. By default it comes from the application's
 * Redis configuration ({@code spring.data.redis.*}, or a Testcontainers/Docker Compose service
 * connection), or from {@code clamator.redis.url} when clamator has a Redis of its own. Define a
 * bean of this type to take over.
 */
public interface ClamatorRedisConnectionDetails {

    /**
     * The Redis server (or the sentinels) to connect to, with credentials, database and TLS flag;
     * not used when {@link #getClusterNodes()} names a cluster.
     */
    RedisURI getRedisUri();

    /**
     * The seed nodes of a Redis Cluster to connect to, with credentials and TLS flag; empty (the
     * default) for the Redis of {@link #getRedisUri()}.
     */
    default List<RedisURI> getClusterNodes() {
        return List.of();
    }

    /** The SSL bundle for TLS connections; {@code null} for the JVM's defaults. */
    default SslBundle getSslBundle() {
        return null;
    }

    /** The connect timeout; {@code null} for Lettuce's default. */
    default Duration getConnectTimeout() {
        return null;
    }

    /**
     * Where the details come from, named with the address in startup lines and errors:
     * {@code clamator.redis.url}, {@code spring.data.redis.*}, {@code REDIS_URL}...
     */
    default String getOrigin() {
        return "the application's ClamatorRedisConnectionDetails (" + getClass().getName() + ")";
    }
}
