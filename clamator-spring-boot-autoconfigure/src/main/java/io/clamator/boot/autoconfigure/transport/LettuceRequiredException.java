package io.clamator.boot.autoconfigure.transport;

import io.clamator.protocol.ClamatorException;

/** The Redis transport is selected but Lettuce, the Redis client it runs on, is not on the classpath. */
public class LettuceRequiredException extends ClamatorException {

    private final boolean jedisPresent;

    public LettuceRequiredException(boolean jedisPresent) {
        super("clamator's Redis transport runs on the Lettuce Redis client (io.lettuce:lettuce-core), which is not on the classpath"
                + (jedisPresent ? "; the application has Jedis only" : ""));
        this.jedisPresent = jedisPresent;
    }

    /** Whether Jedis is on the classpath instead. */
    public boolean isJedisPresent() {
        return jedisPresent;
    }
}
