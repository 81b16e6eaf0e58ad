package io.clamator.boot.autoconfigure.diagnostics;

import io.clamator.boot.autoconfigure.transport.RedisModuleRequiredException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a startup that failed because the Redis transport is selected but clamator-redis is missing. */
class RedisModuleRequiredFailureAnalyzer extends AbstractFailureAnalyzer<RedisModuleRequiredException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RedisModuleRequiredException cause) {
        return new FailureAnalysis("clamator's Redis transport is selected (the default outside tests), but its module,"
                + " io.clamator:clamator-redis, is not on the classpath.",
                "Depend on io.clamator:clamator-spring-boot-starter, which brings it, or add io.clamator:clamator-redis;"
                        + " or use the memory transport (clamator.transport=memory) where no Redis is wanted.", cause);
    }
}
