package io.clamator.transport.redis;

import io.clamator.transport.spi.EntryScheduler;
import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the entries this server holds (running, or read and waiting for a slot) claimed, so that
 * however long a handler runs, no other server (and not this one's own {@link Reclaimer}) takes
 * its entry over, nor an entry waiting behind it, which this server would then run as well: every
 * interval, a third of the claim idle time, the idle time of each held entry still pending to this
 * server's consumer is reset ({@code XCLAIM ... JUSTID}, which leaves its delivery count as it
 * is). Only the entries of servers that are really gone then reach the claim idle time.
 */
final class ClaimKeeper {

    private static final Logger log = LoggerFactory.getLogger(ClaimKeeper.class);
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(100);

    /** The consumer group's pending list, as the keeper uses it. */
    @FunctionalInterface
    interface KeepSource {

        /** Resets the idle time of those of these entries that are pending to this server's consumer. */
        CompletionStage<?> keepClaimed(List<String> entryIds);
    }

    private final KeepSource source;
    private final EntryScheduler<StreamMessage<String, byte[]>> scheduler;
    private final RepeatedFailureLog failures;
    private final PeriodicPass passes;
    private final MissedResets missedResets;
    private final LongSupplier nanoTime;

    /**
     * @param missedResets how long Redis went without answering, which every reset is reported to
     * @param nanoTime     the monotonic clock, {@link System#nanoTime()} but in tests
     */
    ClaimKeeper(String service, KeepSource source, Duration claimIdle, EntryScheduler<StreamMessage<String, byte[]>> scheduler,
                TransportTimer timer, MissedResets missedResets, LongSupplier nanoTime) {
        this.source = source;
        this.scheduler = scheduler;
        this.missedResets = missedResets;
        this.nanoTime = nanoTime;
        this.failures = new RepeatedFailureLog(log, "keeping the entries held by service " + service + " claimed");
        this.passes = new PeriodicPass(timer, intervalFor(claimIdle), this::pass);
    }

    /** How often running entries are kept claimed: a third of the claim idle time, at least 100 ms. */
    static Duration intervalFor(Duration claimIdle) {
        Duration third = claimIdle.dividedBy(3);
        return third.compareTo(SHORTEST_INTERVAL) < 0 ? SHORTEST_INTERVAL : third;
    }

    void start() {
        passes.start();
    }

    void stop() {
        passes.stop();
    }

    /** Waits until no pass is under way. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        return passes.awaitIdle(deadlineNanos);
    }

    private void pass(Runnable done) {
        List<String> ids = scheduler.heldKeys().stream().map(String.class::cast).toList();
        if (ids.isEmpty()) {
            done.run();
            return;
        }
        long sentNanos = nanoTime.getAsLong();
        source.keepClaimed(ids).whenComplete((kept, error) -> {
            if (error == null) {
                failures.succeeded();
                missedResets.answered(sentNanos, false);
            } else {
                failures.failed(error, "an entry held for longer than the claim idle time may be taken over by another server");
                missedResets.failed();
            }
            done.run();
        });
    }
}
