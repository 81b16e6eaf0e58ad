package io.clamator.transport.redis;

import io.clamator.transport.spi.EntryScheduler;
import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the entries of a service left unacknowledged for longer than the claim idle time (a
 * crashed server's), every interval: {@code XAUTOCLAIM} from {@code 0-0}, following the cursor to
 * the end of the pending list, handing what it claims to the scheduler. It claims no more than
 * the scheduler's {@linkplain EntryScheduler#room() room} (at most 32 per step), so a busy server
 * leaves entries to an idle one. Entries this server is handling or has
 * queued itself are not handed over twice.
 */
final class Reclaimer {

    private static final Logger log = LoggerFactory.getLogger(Reclaimer.class);
    private static final String START = "0-0";
    private static final int MAX_CLAIM_COUNT = 32;

    /** The consumer group's pending list, as the reclaimer uses it. */
    @FunctionalInterface
    interface ClaimSource {

        /** Claims up to {@code count} entries idle for longer than the claim idle time, from {@code cursor} on. */
        CompletionStage<ClaimedMessages<String, byte[]>> claim(String cursor, int count);
    }

    private final String service;
    private final ClaimSource source;
    private final Duration interval;
    private final Duration claimIdle;
    private final EntryScheduler<StreamMessage<String, byte[]>> scheduler;
    private final TransportTimer timer;
    private final RepeatedFailureLog failures;

    /** Guarded by {@code this}. */
    private boolean running;
    /** A pass waiting for Redis. */
    private final Underway underway = new Underway();
    /** Guarded by {@code this}. */
    private TransportTimer.Scheduled nextPass;

    Reclaimer(String service, ClaimSource source, Duration claimIdle, EntryScheduler<StreamMessage<String, byte[]>> scheduler,
              TransportTimer timer) {
        this.service = service;
        this.source = source;
        this.claimIdle = claimIdle;
        this.interval = intervalFor(claimIdle);
        this.scheduler = scheduler;
        this.timer = timer;
        this.failures = new RepeatedFailureLog(log, "reclaiming the entries of service " + service);
    }

    /** How often entries are reclaimed: a quarter of the claim idle time, at least 1 s. */
    static Duration intervalFor(Duration claimIdle) {
        Duration quarter = claimIdle.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : quarter;
    }

    synchronized void start() {
        running = true;
        scheduleNextPass();
    }

    synchronized void stop() {
        running = false;
        if (nextPass != null) {
            nextPass.cancel();
        }
    }

    /** Waits until no pass is under way. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        return underway.awaitEnd(deadlineNanos);
    }

    private void pass() {
        synchronized (this) {
            if (!running || !underway.begin()) {
                return;
            }
        }
        claimFrom(START, 0);
    }

    private void claimFrom(String cursor, int reclaimedSoFar) {
        int count = Math.min(MAX_CLAIM_COUNT, scheduler.room());
        if (count == 0) {
            passDone(reclaimedSoFar);
            return;
        }
        source.claim(cursor, count).whenComplete((claimed, error) -> {
            if (error != null) {
                failures.failed(error, "entries left behind by stopped servers are not taken over; trying again in "
                        + interval.toMillis() + " ms");
                passDone(reclaimedSoFar);
                return;
            }
            failures.succeeded();
            List<StreamMessage<String, byte[]>> fresh = claimed.getMessages().stream()
                    .filter(entry -> !scheduler.holds(entry.getId()))
                    .toList();
            int reclaimed = reclaimedSoFar + (scheduler.submit(fresh) ? fresh.size() : 0);
            if (isRunning() && !START.equals(claimed.getId())) {
                claimFrom(claimed.getId(), reclaimed);
            } else {
                passDone(reclaimed);
            }
        });
    }

    private void passDone(int reclaimed) {
        underway.end();
        synchronized (this) {
            if (running) {
                scheduleNextPass();
            }
        }
        if (reclaimed > 0) {
            log.info("service {}: reclaimed {} entries left unacknowledged for over {} ms", service, reclaimed, claimIdle.toMillis());
        }
    }

    /** Guarded by {@code this}. */
    private void scheduleNextPass() {
        nextPass = timer.schedule(this::pass, interval);
    }

    private synchronized boolean isRunning() {
        return running;
    }
}
