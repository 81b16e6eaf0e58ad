package io.clamator.transport.redis;

import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.resource.ClientResources;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The transport's timer: the hashed timer wheel of its Lettuce {@link ClientResources}, so that no
 * thread of its own is needed and the timer ends with the resources. Scheduling and cancelling
 * cost no thread wake-up.
 */
final class LettuceTimer implements TransportTimer {

    private final Timer wheel;

    LettuceTimer(ClientResources resources) {
        this.wheel = resources.timer();
    }

    @Override
    public Scheduled schedule(Runnable task, Duration delay) {
        try {
            Timeout timeout = wheel.newTimeout(ignored -> {
                DeliveringThreads.markCurrent();
                task.run();
            }, TransportTimer.delayNanos(delay), TimeUnit.NANOSECONDS);
            return timeout::cancel;
        } catch (IllegalStateException | RejectedExecutionException e) {
            return () -> { }; // the resources have been shut down: nothing is left to run
        }
    }
}
