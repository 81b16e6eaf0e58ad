package io.clamator.transport.memory;

import io.clamator.transport.spi.TransportTimer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The timer of one memory server or client: a daemon thread, started when first needed and ended by {@link #close()}. */
final class MemoryTimer implements TransportTimer, AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    MemoryTimer(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Scheduled schedule(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> scheduled = executor.schedule(task, TransportTimer.delayNanos(delay), TimeUnit.NANOSECONDS);
            return () -> scheduled.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> { }; // closed: its owner has stopped, and nothing is left to time
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
