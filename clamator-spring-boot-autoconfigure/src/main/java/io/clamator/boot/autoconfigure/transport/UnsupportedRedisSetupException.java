package io.clamator.boot.autoconfigure.transport;

import io.clamator.protocol.ClamatorException;

/** The application's Redis is of a kind the clamator transport cannot use (static master/replica). */
public class UnsupportedRedisSetupException extends ClamatorException {

    private final String setup;

    public UnsupportedRedisSetupException(String setup) {
        super("clamator's Redis transport cannot use " + setup
                + ": it needs a standalone Redis, a sentinel-managed one or a Redis Cluster");
        this.setup = setup;
    }

    /** The setup found, e.g. {@code static master/replica Redis (spring.data.redis.masterreplica.*)}. */
    public String getSetup() {
        return setup;
    }
}
