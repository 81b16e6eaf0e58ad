package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.clamator.testing.LogCapture;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RepeatedFailureLogTest {

    private final RepeatedFailureLog failures = new RepeatedFailureLog(LoggerFactory.getLogger(RepeatedFailureLogTest.class),
            "reclaiming the entries of service arith");

    @Test
    void eachCauseIsLoggedAtWarnOnceUntilTheTaskWorksAgain() {
        try (LogCapture logs = LogCapture.of(RepeatedFailureLogTest.class)) {
            RedisCommandExecutionException noPermission = new RedisCommandExecutionException(
                    "NOPERM User clamator has no permissions to run the 'xautoclaim' command");
            for (int i = 0; i < 5; i++) {
                failures.failed(noPermission, "trying again in 15000 ms");
            }
            failures.failed(new RedisCommandTimeoutException("Command timed out after 10 second(s)"), "trying again in 15000 ms");
            failures.failed(new RedisCommandTimeoutException("Command timed out after 10 second(s)"), "trying again in 15000 ms");

            assertThat(logs.at(Level.WARN)).extracting(event -> event.getFormattedMessage()).containsExactly(
                    "reclaiming the entries of service arith failed: io.lettuce.core.RedisCommandExecutionException: NOPERM User clamator"
                            + " has no permissions to run the 'xautoclaim' command; trying again in 15000 ms",
                    "reclaiming the entries of service arith failed: io.lettuce.core.RedisCommandTimeoutException: Command timed out"
                            + " after 10 second(s); trying again in 15000 ms");

            failures.succeeded();
            failures.succeeded();
            assertThat(logs.at(Level.INFO)).extracting(event -> event.getFormattedMessage())
                    .containsExactly("reclaiming the entries of service arith works again");
            failures.failed(noPermission, "trying again in 15000 ms");
            assertThat(logs.at(Level.WARN)).as("a new outage is told again").hasSize(3);
        }
    }
}
