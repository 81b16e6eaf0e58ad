package io.clamator.boot.autoconfigure.transport;

import io.clamator.protocol.ClamatorException;

/** The Redis transport is selected but its module, {@code io.clamator:clamator-redis}, is not on the classpath. */
public class RedisModuleRequiredException extends ClamatorException {

    public RedisModuleRequiredException() {
        super("clamator's Redis transport is selected but its module (io.clamator:clamator-redis) is not on the classpath");
    }
}
