package io.clamator.transport.redis;

import io.clamator.transport.spi.TransportTimer;
import java.time.Duration;

/**
 * A task of a server or client that runs every interval (reclaiming, keeping entries claimed,
 * removing idle consumers, renewing a time to live, reading Redis's clock): the next pass is
 * scheduled once the previous one has finished, so a pass waiting for Redis delays the next and
 * never overlaps it. Stopping schedules no more passes and can wait for one under way.
 */
final class PeriodicPass {

    /** One pass; it calls {@code done} when it has finished, on whatever thread. */
    @FunctionalInterface
    interface Pass {
        void run(Runnable done);
    }

    private final TransportTimer timer;
    private final Duration interval;
    private final Pass pass;
    private final Underway underway = new Underway();
    /** Guarded by {@code this}. */
    private boolean running;
    /** Guarded by {@code this}. */
    private TransportTimer.Scheduled next;

    PeriodicPass(TransportTimer timer, Duration interval, Pass pass) {
        this.timer = timer;
        this.interval = interval;
        this.pass = pass;
    }

    /** Runs the first pass after one interval. */
    synchronized void start() {
        start(interval);
    }

    /** Runs the first pass after {@code firstDelay} (zero: at once), the next ones every interval. */
    synchronized void start(Duration firstDelay) {
        running = true;
        next = timer.schedule(this::runPass, firstDelay);
    }

    /** Runs no more passes; a pass under way finishes by itself. */
    synchronized void stop() {
        running = false;
        if (next != null) {
            next.cancel();
        }
    }

    /**
     * Waits until no pass is under way.
     *
     * @return whether that happened before the deadline, a {@link System#nanoTime()} value
     */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        return underway.awaitEnd(deadlineNanos);
    }

    synchronized boolean isRunning() {
        return running;
    }

    Duration interval() {
        return interval;
    }

    private void runPass() {
        synchronized (this) {
            if (!running || !underway.begin()) {
                return;
            }
        }
        pass.run(this::finished);
    }

    private void finished() {
        underway.end();
        synchronized (this) {
            if (running) {
                next = timer.schedule(this::runPass, interval);
            }
        }
    }
}
