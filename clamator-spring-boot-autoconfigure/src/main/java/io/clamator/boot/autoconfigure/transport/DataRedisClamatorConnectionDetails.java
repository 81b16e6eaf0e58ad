package io.clamator.boot.autoconfigure.transport;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.SslBundle;

/**
 * Adapts the application's {@link DataRedisConnectionDetails} (so {@code spring.data.redis.*},
 * Testcontainers {@code @ServiceConnection}, SSL bundles, ACL users, sentinels and clusters all apply to
 * clamator too).
 */
class DataRedisClamatorConnectionDetails implements ClamatorRedisConnectionDetails {

    private final DataRedisConnectionDetails details;

    private final DataRedisProperties properties;

    DataRedisClamatorConnectionDetails(DataRedisConnectionDetails details, DataRedisProperties properties) {
        this.details = details;
        this.properties = properties;
    }

    /** The cluster's nodes, unless sentinels are configured too, which come first (as for Spring Data Redis). */
    @Override
    public List<RedisURI> getClusterNodes() {
        DataRedisConnectionDetails.Cluster cluster = this.details.getCluster();
        if (cluster == null || this.details.getSentinel() != null) {
            return List.of();
        }
        return cluster.getNodes().stream().map(node -> withConnectionSettings(RedisURI.Builder.redis(node.host(), node.port()))).toList();
    }

    @Override
    public RedisURI getRedisUri() {
        if (this.details.getMasterReplica() != null) {
            throw new UnsupportedRedisSetupException("static master/replica Redis (spring.data.redis.masterreplica.*)");
        }
        RedisURI.Builder builder;
        DataRedisConnectionDetails.Sentinel sentinel = this.details.getSentinel();
        if (sentinel != null) {
            builder = RedisURI.builder().withSentinelMasterId(sentinel.getMaster()).withDatabase(sentinel.getDatabase());
            for (DataRedisConnectionDetails.Node node : sentinel.getNodes()) {
                RedisURI.Builder sentinelUri = RedisURI.Builder.redis(node.host(), node.port());
                if (sentinel.getPassword() != null) {
                    if (sentinel.getUsername() != null) {
                        sentinelUri.withAuthentication(sentinel.getUsername(), sentinel.getPassword());
                    } else {
                        sentinelUri.withPassword(sentinel.getPassword());
                    }
                }
                builder.withSentinel(sentinelUri.build());
            }
        } else {
            DataRedisConnectionDetails.Standalone standalone = this.details.getStandalone();
            builder = RedisURI.builder()
                    .withHost(standalone.getHost())
                    .withPort(standalone.getPort())
                    .withDatabase(standalone.getDatabase());
        }
        return withConnectionSettings(builder);
    }

    /** Credentials, TLS and client name, which apply to every node. */
    private RedisURI withConnectionSettings(RedisURI.Builder builder) {
        String password = this.details.getPassword();
        if (password != null) {
            String username = this.details.getUsername();
            if (username != null) {
                builder.withAuthentication(username, password);
            } else {
                builder.withPassword(password);
            }
        }
        if (usesSsl()) {
            builder.withSsl(true);
        }
        if (this.properties != null && this.properties.getClientName() != null) {
            builder.withClientName(this.properties.getClientName());
        }
        return builder.build();
    }

    private boolean usesSsl() {
        if (this.details.getSslBundle() != null) {
            return true;
        }
        String url = (this.properties != null) ? this.properties.getUrl() : null;
        return url != null && url.startsWith("rediss://");
    }

    @Override
    public SslBundle getSslBundle() {
        return this.details.getSslBundle();
    }

    @Override
    public Duration getConnectTimeout() {
        return (this.properties != null) ? this.properties.getConnectTimeout() : null;
    }

    @Override
    public String getOrigin() {
        Class<?> type = this.details.getClass();
        if (type.getName().endsWith(".PropertiesDataRedisConnectionDetails")) {
            return "spring.data.redis.*";
        }
        String name = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
        return "the application's DataRedisConnectionDetails (" + name + ")";
    }
}
