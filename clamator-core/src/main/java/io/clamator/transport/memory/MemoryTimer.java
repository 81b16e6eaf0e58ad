package io.clamator.transport.memory;

import io.clamator.transport.spi.TransportTimer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer of one memory server or client: a daemon thread, started when first needed and ended
 * by {@link #close()}; it also runs tasks handed to it at once, in the order given.
 */
final class MemoryTimer implements TransportTimer, AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    MemoryTimer(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread created = new Thread(runnable, threadName);
            created.setDaemon(true);
            thread = created;
            return created;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Runs the task on the timer's thread as soon as it is free, after the tasks handed over before; dropped once closed. */
    void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: its owner has stopped, and nothing is left to deliver
        }
    }

    /** Whether the current thread is this timer's. */
    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
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
