package io.clamator.transport.redis;

import io.clamator.internal.HandlerExecutors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The one timer thread of the Redis transport: retries after backoff and periodic reclaims. */
final class RedisTimer {

    private static final ScheduledExecutorService TIMER = create();

    private RedisTimer() {
    }

    static ScheduledFuture<?> after(long millis, Runnable task) {
        return TIMER.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    static ScheduledFuture<?> every(long millis, Runnable task) {
        return TIMER.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, HandlerExecutors.daemonThreads("clamator-redis-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
