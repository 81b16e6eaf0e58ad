package io.clamator.boot.autoconfigure.transport;

import io.lettuce.core.RedisURI;

/** A Redis URL: {@code clamator.redis.url}, or the default when nothing else is configured. */
class UrlClamatorConnectionDetails implements ClamatorRedisConnectionDetails {

    private final String url;

    private final String origin;

    UrlClamatorConnectionDetails(String url, String origin) {
        this.url = url;
        this.origin = origin;
    }

    @Override
    public RedisURI getRedisUri() {
        return RedisURI.create(this.url);
    }

    @Override
    public String getOrigin() {
        return this.origin;
    }
}
