package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.testing.ManualTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pacing of a periodic task: the next pass only after the previous one finished, none after stop. */
class PeriodicPassTest {

    private final ManualTimer timer = new ManualTimer();
    private final List<Runnable> unfinished = new ArrayList<>();
    private final PeriodicPass passes = new PeriodicPass(timer, Duration.ofSeconds(5), unfinished::add);

    @Test
    void theNextPassIsScheduledOnlyOnceThePreviousOneHasFinished() throws InterruptedException {
        passes.start();
        assertThat(timer.pendingDelays()).containsExactly(Duration.ofSeconds(5));
        timer.runPending();
        assertThat(unfinished).hasSize(1);
        assertThat(timer.pendingDelays()).as("a pass waiting for Redis delays the next").isEmpty();
        assertThat(passes.awaitIdle(System.nanoTime())).isFalse();

        unfinished.get(0).run();
        assertThat(passes.awaitIdle(System.nanoTime())).isTrue();
        assertThat(timer.pendingDelays()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void aStoppedTaskRunsNoMorePasses() {
        passes.start();
        passes.stop();
        assertThat(timer.pendingDelays()).isEmpty();

        PeriodicPass stoppedDuringAPass = new PeriodicPass(timer, Duration.ofSeconds(1), unfinished::add);
        stoppedDuringAPass.start();
        timer.runPending();
        stoppedDuringAPass.stop();
        unfinished.get(0).run();
        assertThat(timer.pendingDelays()).isEmpty();
        assertThat(stoppedDuringAPass.isRunning()).isFalse();
    }
}
