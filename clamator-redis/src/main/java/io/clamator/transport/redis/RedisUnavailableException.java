package io.clamator.transport.redis;

import io.clamator.protocol.ClamatorTransportException;

/** Redis could not be reached when a Redis server or client started. */
public class RedisUnavailableException extends ClamatorTransportException {

    private final String redisUri;
    private final String origin;

    /**
     * @param redisUri the URI tried, password masked; {@code null} for an injected client's default URI
     * @param origin   where the URI was configured (e.g. {@code REDIS_URL}), or {@code null}
     */
    public RedisUnavailableException(String redisUri, String origin, Throwable cause) {
        super("cannot connect to Redis at " + where(redisUri, origin) + ": " + cause.getMessage(), cause);
        this.redisUri = redisUri;
        this.origin = origin;
    }

    /** The URI that was tried, password masked; {@code null} when it was an injected client's default. */
    public String redisUri() {
        return redisUri;
    }

    /** Where the URI was configured, e.g. {@code REDIS_URL}; {@code null} when not known. */
    public String origin() {
        return origin;
    }

    /** {@code redis://host:6379 (from REDIS_URL)}, or {@code (the default: ...)} for a default. */
    static String where(String redisUri, String origin) {
        String address = redisUri != null ? redisUri : "the injected RedisClient's default URI";
        if (origin == null) {
            return address;
        }
        return address + (origin.startsWith("the default") ? " (" : " (from ") + origin + ")";
    }
}
