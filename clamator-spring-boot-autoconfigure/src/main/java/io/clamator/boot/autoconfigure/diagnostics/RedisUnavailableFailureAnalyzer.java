package io.clamator.boot.autoconfigure.diagnostics;

import io.clamator.transport.redis.RedisUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/** Explains a startup that failed because clamator could not reach Redis. */
class RedisUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<RedisUnavailableException> {

    private final Environment environment;

    RedisUnavailableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RedisUnavailableException cause) {
        boolean ownUrl = this.environment != null && this.environment.containsProperty("clamator.redis.url");
        String description = "clamator could not connect to Redis at " + cause.redisUri()
                + (ownUrl ? " (from clamator.redis.url)" : "") + ".\n\nReason: " + reason(cause);
        String action = "Make sure Redis is running and reachable at " + cause.redisUri() + ", or point clamator at another one "
                + (ownUrl ? "with clamator.redis.url" : "with spring.data.redis.url (or spring.data.redis.host/port), or give clamator"
                        + " its own Redis with clamator.redis.url")
                + ". In tests, use the memory transport: activate the 'test' profile (see clamator.test-profiles)"
                + " or set clamator.transport=memory.";
        return new FailureAnalysis(description, action, cause);
    }

    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getName();
    }
}
