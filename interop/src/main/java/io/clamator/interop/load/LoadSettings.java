package io.clamator.interop.load;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * What a load driver does, read from its stdin configuration: {@code concurrency} callers, each
 * calling {@code arith.add} (or {@code arith.slowAdd} with {@code sleepMs}) one call after the
 * other for {@code durationMs}, waiting {@code intervalMs} between calls and
 * {@code pauseAfterFailureMs} after a failed one, as an application that retries would.
 */
record LoadSettings(String redisUrl, String keyPrefix, int concurrency, Duration duration, Duration callTimeout,
        Duration commandTimeout, Duration replyStreamTtl, Duration interval, Duration pauseAfterFailure, int sleepMs) {

    static LoadSettings from(JsonNode config) {
        return new LoadSettings(
                config.get("redisUrl").asString(),
                config.get("keyPrefix").asString(),
                config.path("concurrency").asInt(8),
                Duration.ofMillis(config.path("durationMs").asLong(10_000)),
                Duration.ofMillis(config.path("timeoutMs").asLong(10_000)),
                Duration.ofMillis(config.path("commandTimeoutMs").asLong(10_000)),
                Duration.ofMillis(config.path("replyStreamTtlMs").asLong(300_000)),
                Duration.ofMillis(config.path("intervalMs").asLong(0)),
                Duration.ofMillis(config.path("pauseAfterFailureMs").asLong(50)),
                config.path("sleepMs").asInt(-1));
    }

    /** Whether the callers call {@code slowAdd} (a handler that sleeps) rather than {@code add}. */
    boolean slow() {
        return sleepMs >= 0;
    }

    /** Later than this after its timeout, a call that has not ended counts as hung. */
    Duration hangMargin() {
        return Duration.ofSeconds(5);
    }
}
