package io.clamator.transport.redis;

import io.clamator.internal.AsyncResults;
import io.clamator.transport.spi.EntryScheduler;
import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an entry's reply and acknowledgement again after a failure, while the reply can still be
 * of use: the entry stays held by the server meanwhile (so it stays claimed, and no other server
 * runs the call again), and a Redis that is back within seconds gets the reply the caller waits
 * for, instead of the caller timing out and the call running again after the claim idle time.
 * Only passing failures are retried (a timeout, a lost connection, Redis out of memory or not
 * serving yet; not a consumer group gone with the entry, nor a refused permission), after pauses
 * that double from 100 ms to 1 s, until the write succeeds, the entry's caller has stopped
 * waiting (without a deadline, the claim idle time after the first failure), the server abandoned
 * its handlers, or the server stops; then the last failure stands and the entry stays pending for
 * redelivery.
 */
final class ReplyRetries {

    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 1_000;
    /** The give-up moment of an entry whose write has not failed yet. */
    private static final long NOT_FAILED_YET = Long.MIN_VALUE;

    private static final Logger log = LoggerFactory.getLogger(ReplyRetries.class);

    private final String service;
    private final TransportTimer timer;
    private final CallDeadlines deadlines;
    private final Duration withoutDeadline;
    private final LongSupplier nanoTime;
    private volatile boolean stopped;

    /**
     * @param withoutDeadline how long an entry without a deadline is retried (the claim idle time)
     * @param nanoTime        the monotonic clock, {@link System#nanoTime()} but in tests
     */
    ReplyRetries(String service, TransportTimer timer, CallDeadlines deadlines, Duration withoutDeadline, LongSupplier nanoTime) {
        this.service = service;
        this.timer = timer;
        this.deadlines = deadlines;
        this.withoutDeadline = withoutDeadline;
        this.nanoTime = nanoTime;
    }

    /** Runs {@code write}, and again after each failure while it is worth it; completes as the last attempt did. */
    CompletionStage<Void> untilWritten(StreamMessage<String, byte[]> entry, EntryScheduler.Run run, Supplier<CompletionStage<Void>> write) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(entry, run, write, done, FIRST_PAUSE_MILLIS, NOT_FAILED_YET);
        return done;
    }

    /** No more retries: each write under way ends with its next failure. */
    void stop() {
        stopped = true;
    }

    private void attempt(StreamMessage<String, byte[]> entry, EntryScheduler.Run run, Supplier<CompletionStage<Void>> write,
                         CompletableFuture<Void> done, long pauseMillis, long giveUpAt) {
        write.get().whenComplete((written, error) -> {
            if (error == null) {
                done.complete(null);
                return;
            }
            Throwable failure = AsyncResults.unwrap(error);
            long giveUpWithoutDeadlineAt = giveUpAt == NOT_FAILED_YET ? nanoTime.getAsLong() + withoutDeadline.toNanos() : giveUpAt;
            if (worthRetrying(entry, run, failure, giveUpWithoutDeadlineAt)) {
                log.debug("service {}: writing the reply or acknowledgement of entry {} failed ({}); trying again in {} ms", service,
                        entry.getId(), failure.getMessage(), pauseMillis);
                timer.schedule(() -> attempt(entry, run, write, done, Math.min(2 * pauseMillis, LONGEST_PAUSE_MILLIS),
                        giveUpWithoutDeadlineAt), Duration.ofMillis(pauseMillis));
            } else {
                done.completeExceptionally(failure);
            }
        });
    }

    private boolean worthRetrying(StreamMessage<String, byte[]> entry, EntryScheduler.Run run, Throwable failure,
                                  long giveUpWithoutDeadlineAt) {
        if (stopped || run.isAbandoned() || !RedisErrorKind.of(failure).isPassing()) {
            return false;
        }
        long overdue = deadlines.overdueMillis(entry);
        return overdue == CallDeadlines.NO_DEADLINE ? nanoTime.getAsLong() - giveUpWithoutDeadlineAt < 0 : overdue <= 0;
    }
}
