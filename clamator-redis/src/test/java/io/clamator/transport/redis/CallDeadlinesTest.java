package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallDeadlinesTest {

    private static final long ADDED_AT = 1_764_000_000_000L;

    private final CallDeadlines deadlines = new CallDeadlines(() -> ADDED_AT + 5_000, () -> true);

    private static StreamMessage<String, byte[]> entry(String timeoutMillis) {
        Map<String, byte[]> body = timeoutMillis == null ? Map.of()
                : Map.of(StreamKeys.TIMEOUT_MS, timeoutMillis.getBytes(StandardCharsets.US_ASCII));
        return new StreamMessage<>("cmds", ADDED_AT + "-0", body);
    }

    @Test
    void anEntryIsOverdueOnceItsCallerStoppedWaiting() {
        assertThat(deadlines.overdueMillis(entry("2000"))).isEqualTo(3_000);
        assertThat(deadlines.overdueMillis(entry("8000"))).isEqualTo(-3_000);
    }

    @Test
    void whileRedisHasNotBeenAskedTheTimeNoEntryHasADeadline() {
        CallDeadlines unknownClock = new CallDeadlines(() -> ADDED_AT + 5_000, () -> false);
        assertThat(unknownClock.overdueMillis(entry("2000"))).isEqualTo(CallDeadlines.NO_DEADLINE);
    }

    /** The sum of the moment and the timeout may wrap around; their difference to now does not. */
    @Test
    void aTimeoutBeyondWhatTheClockCanAddIsNeverOverdue() {
        assertThat(deadlines.overdueMillis(entry(Long.toString(Long.MAX_VALUE)))).isNegative();
        assertThat(deadlines.overdueMillis(entry(Long.toString(Long.MAX_VALUE - ADDED_AT + 1)))).isNegative();
    }

    @Test
    void entriesThatDoNotSayHaveNoDeadline() {
        assertThat(deadlines.overdueMillis(entry(null))).isEqualTo(CallDeadlines.NO_DEADLINE);
        assertThat(deadlines.overdueMillis(entry("-1"))).isEqualTo(CallDeadlines.NO_DEADLINE);
        assertThat(deadlines.overdueMillis(entry("soon"))).isEqualTo(CallDeadlines.NO_DEADLINE);
    }
}
