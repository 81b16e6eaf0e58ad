package io.clamator.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.testing.LogCapture;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class RateLimitedLogTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimitedLog log = new RateLimitedLog(LoggerFactory.getLogger(RateLimitedLogTest.class), Level.WARN, 3, now::get);

    @Test
    void logsAtMostTheLimitPerMinuteAndThenSaysHowManyLinesWereLeftOut() {
        try (LogCapture logs = LogCapture.of(RateLimitedLogTest.class)) {
            for (int i = 0; i < 10; i++) {
                log.log("dropped entry {}", i);
            }
            assertThat(logs.messages()).containsExactly("dropped entry 0", "dropped entry 1", "dropped entry 2");

            now.addAndGet(Duration.ofSeconds(61).toNanos());
            log.log("dropped entry {}", 10);
            assertThat(logs.messages()).endsWith(
                    "7 more lines like the next one were left out of the log before it (at most 3 a minute)", "dropped entry 10");
            log.log("dropped entry {}", 11);
            assertThat(logs.messages()).last().isEqualTo("dropped entry 11");
        }
    }
}
