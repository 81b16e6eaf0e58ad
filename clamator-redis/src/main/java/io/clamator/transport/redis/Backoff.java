package io.clamator.transport.redis;

import io.clamator.internal.AsyncResults;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * Retry pacing for a loop that talks to Redis: delays grow from 100 ms, doubling up to 500 ms,
 * each with jitter (50 to 100 % of the step). A retry during an outage costs nothing (a
 * disconnected connection refuses commands at once, a frozen Redis paces them by the command
 * timeout), and a short longest delay lets the loop resume within about a second of Redis coming
 * back, however long it was away. An outage is logged once when it starts and once when it ends,
 * not on every retry.
 */
final class Backoff {

    static final Duration FIRST = Duration.ofMillis(100);
    static final Duration MAX = Duration.ofMillis(500);

    private final Logger log;
    private final String loop;
    private long nextStepMillis = FIRST.toMillis();
    private volatile long outageStartedAt;
    private volatile int failures;
    private volatile String lastError;

    /** @param loop what is retrying, for the log, e.g. {@code "consumer loop for service arith"} */
    Backoff(Logger log, String loop) {
        this.log = log;
        this.loop = loop;
    }

    /** Records a failure and returns how long to wait before the next try. */
    long onFailure(Throwable failure) {
        Throwable error = AsyncResults.unwrap(failure);
        lastError = error.toString();
        if (failures++ == 0) {
            outageStartedAt = System.nanoTime();
            log.warn("Redis unavailable for the {}: {}; retrying with backoff", loop, error.toString());
        } else {
            log.debug("Redis still unavailable for the {} (attempt {}): {}", loop, failures, error.toString());
        }
        long step = nextStepMillis;
        nextStepMillis = Math.min(step * 2, MAX.toMillis());
        return (long) (step * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5));
    }

    /** Records a success; logs the end of an outage if there was one. */
    void onSuccess() {
        if (failures > 0) {
            long seconds = Duration.ofNanos(System.nanoTime() - outageStartedAt).toSeconds();
            log.info("Redis available again for the {} after {} s and {} failed attempts", loop, seconds, failures);
            failures = 0;
            nextStepMillis = FIRST.toMillis();
        }
    }

    /**
     * What keeps the loop from working, for health checks: that it is not running, or the outage
     * it is retrying through; {@code null} while it runs and its last try succeeded.
     */
    String problem(boolean running) {
        if (!running) {
            return "the " + loop + " is not running";
        }
        int failed = failures;
        if (failed == 0) {
            return null;
        }
        long seconds = Duration.ofNanos(System.nanoTime() - outageStartedAt).toSeconds();
        return "Redis unavailable for " + seconds + " s (" + failed + " failed attempts): " + lastError;
    }
}
