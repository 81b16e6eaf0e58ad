package io.clamator.transport.redis;

import io.clamator.metrics.ServiceMeters;
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
 * Takes over the entries of a service left unacknowledged for longer than the claim idle time (a
 * crashed server's), every interval: {@code XAUTOCLAIM} from {@code 0-0}, following the cursor to
 * the end of the pending list, handing what it claims to the scheduler. It claims no more than
 * the scheduler's {@linkplain EntryScheduler#room() room} (at most 32 per step), so a busy server
 * leaves entries to an idle one. Entries this server is handling or has
 * queued itself are not handed over twice, and those delivered more often than the
 * {@link DeliveryLimit} go to the dead letters. A claim whose answer did not come back may still
 * have been made (Redis runs a command that timed out): once a later claim is answered, which
 * Redis runs after it, its owner is told, so that the entries now pending to this server's
 * consumer are looked for.
 *
 * <p>While Redis does not answer (a restart, a failover, a Redis that froze), the idle times of
 * the entries live servers run grow too, since their {@link ClaimKeeper}s cannot reach Redis
 * either. So once a claim or a reset of this server's keeper failed, or was answered later than a
 * keeper's interval, the claims ask for entries idle for longer than the claim idle time plus the
 * time Redis went without answering ({@link MissedResets}), until one claim idle time after it
 * answered again: by then every live server has kept its entries claimed again, and only the
 * entries of servers that are really gone are taken over. A claim that Redis runs more than a
 * keeper's interval after it was sent (one queued in a Redis that froze, run as it resumes,
 * perhaps before the keepers' resets) takes nothing, and counts as a claim answered late.
 */
final class Reclaimer {

    private static final Logger log = LoggerFactory.getLogger(Reclaimer.class);
    private static final String START = "0-0";
    private static final int MAX_CLAIM_COUNT = 32;

    /** The consumer group's pending list, as the reclaimer uses it. */
    @FunctionalInterface
    interface ClaimSource {

        /**
         * Claims up to {@code count} entries idle for longer than {@code minIdle}, from {@code cursor}
         * on, unless Redis runs the claim more than {@code runWithin} after it was sent: then it
         * claims nothing and {@linkplain Claim#ranLate() says so}.
         */
        CompletionStage<Claim> claim(String cursor, int count, Duration minIdle, Duration runWithin);
    }

    /**
     * What a claim took: the entries, the cursor to go on from ({@code 0-0} at the end of the
     * pending list), and how many pending entries it found gone from the stream (deleted or trimmed
     * by hand) and acknowledged; or nothing, because Redis ran it too late.
     */
    record Claim(String cursor, List<StreamMessage<String, byte[]>> entries, long gone, boolean ranLate) {

        /** A claim Redis ran later than it might: nothing was claimed. */
        static final Claim RAN_LATE = new Claim(START, List.of(), 0, true);
    }

    private final String service;
    private final ClaimSource source;
    private final Duration claimIdle;
    private final EntryScheduler<StreamMessage<String, byte[]>> scheduler;
    private final RepeatedFailureLog failures;
    private final DeliveryLimit deliveryLimit;
    private final PeriodicPass passes;
    private final ServiceMeters meters;
    private final Runnable afterFailedClaim;
    private final LongSupplier nanoTime;
    private final MissedResets missedResets;
    /** Whether a claim failed and no claim has been answered since (passes run one at a time). */
    private volatile boolean claimLost;
    /** Whether a claim that ran late has been logged at WARN since a claim last ran in time. */
    private volatile boolean lateReported;

    /**
     * @param missedResets     how long Redis went without answering, which the claims and the keeper report to
     * @param afterFailedClaim run when a claim is answered after one that failed, on the thread that learnt it
     * @param nanoTime         the monotonic clock, {@link System#nanoTime()} but in tests
     */
    Reclaimer(String service, ClaimSource source, Duration claimIdle, EntryScheduler<StreamMessage<String, byte[]>> scheduler,
              TransportTimer timer, DeliveryLimit deliveryLimit, ServiceMeters meters, MissedResets missedResets,
              Runnable afterFailedClaim, LongSupplier nanoTime) {
        this.service = service;
        this.source = source;
        this.claimIdle = claimIdle;
        this.scheduler = scheduler;
        this.failures = new RepeatedFailureLog(log, "reclaiming the entries of service " + service);
        this.deliveryLimit = deliveryLimit;
        this.meters = meters;
        this.afterFailedClaim = afterFailedClaim;
        this.nanoTime = nanoTime;
        this.missedResets = missedResets;
        this.passes = new PeriodicPass(timer, intervalFor(claimIdle), done -> claimFrom(START, 0, done));
    }

    /** How often entries are reclaimed: a quarter of the claim idle time, at least 1 s. */
    static Duration intervalFor(Duration claimIdle) {
        Duration quarter = claimIdle.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : quarter;
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

    private void claimFrom(String cursor, int reclaimedSoFar, Runnable done) {
        int count = Math.min(MAX_CLAIM_COUNT, scheduler.room());
        if (count == 0) {
            passDone(reclaimedSoFar, done);
            return;
        }
        long sentNanos = nanoTime.getAsLong();
        Duration minIdle = claimIdle.plus(missedResets.extraIdle());
        source.claim(cursor, count, minIdle, missedResets.lateAnswer()).whenComplete((claimed, error) -> {
            if (error != null) {
                failures.failed(error, "entries left behind by stopped servers are not taken over; trying again in "
                        + passes.interval().toMillis() + " ms");
                claimLost = true;
                missedResets.failed();
                passDone(reclaimedSoFar, done);
                return;
            }
            failures.succeeded();
            missedResets.answered(sentNanos, claimed.ranLate());
            if (claimLost) {
                claimLost = false;
                afterFailedClaim.run();
            }
            if (claimed.ranLate()) {
                ranLate();
                passDone(reclaimedSoFar, done);
                return;
            }
            lateReported = false;
            if (claimed.gone() > 0) {
                log.warn("service {}: {} entries pending in the group were no longer in the stream (deleted or trimmed by hand);"
                        + " they are acknowledged, and their callers get no answer", service, claimed.gone());
            }
            List<StreamMessage<String, byte[]>> fresh = claimed.entries().stream()
                    .filter(entry -> !scheduler.holds(entry.getId()))
                    .toList();
            deliveryLimit.admit(fresh).thenAccept(admitted -> {
                int reclaimed = reclaimedSoFar + (scheduler.submit(admitted) ? admitted.size() : 0);
                if (passes.isRunning() && !START.equals(claimed.cursor())) {
                    claimFrom(claimed.cursor(), reclaimed, done);
                } else {
                    passDone(reclaimed, done);
                }
            });
        });
    }

    /** Logs a claim that ran late at WARN, and the ones after it at DEBUG until a claim runs in time. */
    private void ranLate() {
        String message = "service {}: a claim ran in Redis more than {} ms after it was sent (a Redis that froze with it queued?)"
                + " and took nothing; for the next {} ms claims take only entries idle for longer than the claim idle time"
                + " plus the time Redis went without answering";
        long lateMillis = missedResets.lateAnswer().toMillis();
        if (lateReported) {
            log.debug(message, service, lateMillis, claimIdle.toMillis());
        } else {
            lateReported = true;
            log.warn(message, service, lateMillis, claimIdle.toMillis());
        }
    }

    private void passDone(int reclaimed, Runnable done) {
        if (reclaimed > 0) {
            meters.reclaimed(reclaimed);
            log.info("service {}: reclaimed {} entries left unacknowledged for over {} ms", service, reclaimed, claimIdle.toMillis());
        }
        done.run();
    }
}
