package io.clamator.boot.autoconfigure.transport;

import io.lettuce.core.RedisURI;
import org.springframework.boot.ssl.SslBundle;

/**
 * A Redis URL: {@code clamator.redis.url} (with {@code clamator.redis.ssl.bundle}),
 * {@code $REDIS_URL}, or the default when nothing else is configured.
 */
class UrlClamatorConnectionDetails implements ClamatorRedisConnectionDetails {

    private final String url;

    private final String origin;

    private final SslBundle sslBundle;

    UrlClamatorConnectionDetails(String url, String origin) {
        this(url, origin, null);
    }

    UrlClamatorConnectionDetails(String url, String origin, SslBundle sslBundle) {
        this.url = url;
        this.origin = origin;
        this.sslBundle = sslBundle;
    }

    /** @throws IllegalArgumentException naming where the URL came from, when it is no Redis URL */
    @Override
    public RedisURI getRedisUri() {
        try {
            return uri(this.url, this.sslBundle);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(this.origin + " is not a Redis URL (" + e.getMessage() + "): write it as"
                    + " redis://[user:password@]host[:port][/database], or rediss://... for TLS", e);
        }
    }

    /** The URI of a Redis URL, with TLS turned on when there is an SSL bundle. */
    static RedisURI uri(String url, SslBundle sslBundle) {
        RedisURI uri = RedisURI.create(url);
        if (sslBundle != null) {
            uri.setSsl(true);
        }
        return uri;
    }

    @Override
    public SslBundle getSslBundle() {
        return this.sslBundle;
    }

    @Override
    public String getOrigin() {
        return this.origin;
    }
}
