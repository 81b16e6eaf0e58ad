package io.clamator.transport.redis;

import io.clamator.protocol.ClamatorTransportException;

/** Redis could not be reached when a Redis server or client started. */
public class RedisUnavailableException extends ClamatorTransportException {

    private final String redisUri;

    public RedisUnavailableException(String redisUri, Throwable cause) {
        super("cannot connect to Redis at " + redisUri + ": " + cause.getMessage(), cause);
        this.redisUri = redisUri;
    }

    /** The URI that was tried, password masked. */
    public String redisUri() {
        return redisUri;
    }
}
