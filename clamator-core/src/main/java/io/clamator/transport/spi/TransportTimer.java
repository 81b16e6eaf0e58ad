package io.clamator.transport.spi;

import java.time.Duration;

/**
 * Runs tasks later, on a thread the transport owns or borrows (never a JVM-wide one), so that
 * timers stop with the server or client they belong to. Tasks must be short and must not block.
 */
@FunctionalInterface
public interface TransportTimer {

    /**
     * Runs a task once after a delay.
     *
     * @return a handle that cancels the task if it has not run yet
     */
    Scheduled schedule(Runnable task, Duration delay);

    /** The longest delay a timer keeps (about 292 years); longer ones are cut to it. */
    Duration LONGEST_DELAY = Duration.ofNanos(Long.MAX_VALUE);

    /** {@code delay} in nanoseconds, cut to {@link #LONGEST_DELAY}: what an implementation hands its clock. */
    static long delayNanos(Duration delay) {
        return delay.compareTo(LONGEST_DELAY) >= 0 ? Long.MAX_VALUE : delay.toNanos();
    }

    /** A task that will run once unless cancelled. */
    @FunctionalInterface
    interface Scheduled {

        /** Cancels the task; does nothing if it has run or was cancelled. */
        void cancel();
    }
}
