package io.clamator.boot.autoconfigure.diagnostics;

import io.clamator.transport.redis.RedisUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a startup that failed because clamator could not reach Redis. */
class RedisUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<RedisUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RedisUnavailableException cause) {
        String address = cause.redisUri() != null ? cause.redisUri() : "its default address";
        String origin = cause.origin() != null ? cause.origin() : "";
        String description = "clamator could not connect to Redis at " + address + describeOrigin(origin) + ".\n\nReason: "
                + reason(cause);
        String action = "Make sure Redis is running and reachable at " + address + ", or point clamator at another one: "
                + whereToSet(origin)
                + " In tests, use the memory transport: add clamator-spring-boot-test and activate the 'test' profile"
                + " (see clamator.test-profiles), or set clamator.transport=memory.";
        return new FailureAnalysis(description, action, cause);
    }

    private static String describeOrigin(String origin) {
        if (origin.isEmpty()) {
            return "";
        }
        return origin.startsWith("the default") ? ", " + origin : ", set by " + origin;
    }

    /** Where to change the address, in the resolution order: the setting in use first. */
    private static String whereToSet(String origin) {
        return switch (origin) {
            case "clamator.redis.url" -> "change clamator.redis.url.";
            case "spring.data.redis.*" -> "change spring.data.redis.url (or host and port), or give clamator a Redis of its own"
                    + " with clamator.redis.url.";
            case "REDIS_URL" -> "change the REDIS_URL environment variable, or set spring.data.redis.url or clamator.redis.url,"
                    + " which come before it.";
            default -> origin.startsWith("the default")
                    ? "set spring.data.redis.url (the application's Redis), clamator.redis.url (a Redis for clamator alone)"
                            + " or the REDIS_URL environment variable."
                    : "change " + origin + ".";
        };
    }

    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getName();
    }
}
