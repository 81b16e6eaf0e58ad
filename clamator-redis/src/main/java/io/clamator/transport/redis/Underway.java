package io.clamator.transport.redis;

import java.util.concurrent.TimeUnit;

/**
 * Whether a loop's operation (a read, a reclaim pass) is waiting for Redis: at most one at a time,
 * and stopping can wait for it to end.
 */
final class Underway {

    private boolean busy;

    /** Marks an operation as started, unless one is under way already. */
    synchronized boolean begin() {
        if (busy) {
            return false;
        }
        busy = true;
        return true;
    }

    synchronized void end() {
        busy = false;
        notifyAll();
    }

    /**
     * Waits until no operation is under way.
     *
     * @return whether that happened before the deadline, a {@link System#nanoTime()} value
     */
    synchronized boolean awaitEnd(long deadlineNanos) throws InterruptedException {
        while (busy) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return true;
    }
}
