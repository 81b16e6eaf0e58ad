package io.clamator.boot.autoconfigure.diagnostics;

import io.clamator.boot.autoconfigure.transport.LettuceRequiredException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a startup that failed because the Redis transport is selected but Lettuce is missing. */
class LettuceRequiredFailureAnalyzer extends AbstractFailureAnalyzer<LettuceRequiredException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LettuceRequiredException cause) {
        String description = "clamator's Redis transport runs on the Lettuce Redis client, which is not on the classpath"
                + (cause.isJedisPresent()
                        ? ": the application uses Jedis only, which clamator does not support."
                        : ".");
        String action = "Add io.lettuce:lettuce-core to the application's dependencies"
                + (cause.isJedisPresent()
                        ? " (Jedis can stay: Spring Data Redis keeps using it when spring.data.redis.client-type=jedis,"
                                + " while clamator opens its own Lettuce connections)"
                        : "")
                + ", or use the memory transport (clamator.transport=memory) where no Redis is wanted.";
        return new FailureAnalysis(description, action, cause);
    }
}
