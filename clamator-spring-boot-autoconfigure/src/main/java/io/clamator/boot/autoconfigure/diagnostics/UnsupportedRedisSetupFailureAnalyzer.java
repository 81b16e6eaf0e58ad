package io.clamator.boot.autoconfigure.diagnostics;

import io.clamator.boot.autoconfigure.transport.UnsupportedRedisSetupException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a startup that failed because the application's Redis is a kind clamator cannot use. */
class UnsupportedRedisSetupFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedRedisSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedRedisSetupException cause) {
        return new FailureAnalysis("clamator's Redis transport cannot use the application's Redis: " + cause.getSetup()
                + " is not supported; it needs a standalone Redis, a sentinel-managed one or a Redis Cluster.",
                "Give clamator a Redis of its own with clamator.redis.url, or a Redis Cluster with clamator.redis.cluster.nodes.",
                cause);
    }
}
