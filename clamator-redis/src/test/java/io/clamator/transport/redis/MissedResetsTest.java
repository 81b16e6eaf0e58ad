package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The raise of the claims after Redis went without answering, at a fake monotonic clock (claim idle time 60 s: a keeper's interval is 20 s). */
class MissedResetsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final MissedResets missedResets = new MissedResets(Duration.ofSeconds(60), nanos::get);

    private void at(int seconds) {
        nanos.set(Duration.ofSeconds(seconds).toNanos());
    }

    private static long sentAt(int seconds) {
        return Duration.ofSeconds(seconds).toNanos();
    }

    @Test
    void answersInTimeRaiseNothing() {
        at(10);
        missedResets.answered(sentAt(9), false);
        assertThat(missedResets.extraIdle()).isZero();
        assertThat(missedResets.lateAnswer()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void whileCommandsFailTheRaiseGrowsWithTheTimeSinceTheLastAnswerAndStaysForAClaimIdleTimeAfterTheNext() {
        at(10);
        missedResets.answered(sentAt(10), false);
        missedResets.failed();
        at(40);
        assertThat(missedResets.extraIdle()).isEqualTo(Duration.ofSeconds(30));
        at(50);
        missedResets.answered(sentAt(49), false);
        assertThat(missedResets.extraIdle()).isEqualTo(Duration.ofSeconds(40));
        at(109);
        assertThat(missedResets.extraIdle()).isEqualTo(Duration.ofSeconds(40));
        at(111);
        assertThat(missedResets.extraIdle()).isZero();
    }

    @Test
    void lateAnswersOfOneSpellAnsweredTogetherKeepTheLargestRaise() {
        at(10);
        missedResets.answered(sentAt(10), false);
        at(45);
        missedResets.answered(sentAt(12), false); // a keeper's reset, answered 33 s after it was sent
        missedResets.answered(sentAt(20), true); // a claim Redis ran late, answered at the same moment
        assertThat(missedResets.extraIdle()).as("the spell since 10 s, not the 0 s since the answer before").isEqualTo(Duration.ofSeconds(35));
    }
}
