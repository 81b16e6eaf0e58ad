package io.clamator.boot.autoconfigure.transport;

import io.clamator.protocol.ClamatorException;

/** The application's Redis is of a kind the clamator transport cannot use (a cluster, say). */
public class UnsupportedRedisSetupException extends ClamatorException {

    private final String setup;

    public UnsupportedRedisSetupException(String setup) {
        super("clamator's Redis transport cannot use " + setup
                + ": it needs a standalone or sentinel-managed Redis");
        this.setup = setup;
    }

    /** The setup found, e.g. {@code Redis Cluster (spring.data.redis.cluster.*)}. */
    public String getSetup() {
        return setup;
    }
}
