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

    /** A task that will run once unless cancelled. */
    @FunctionalInterface
    interface Scheduled {

        /** Cancels the task; does nothing if it has run or was cancelled. */
        void cancel();
    }
}
