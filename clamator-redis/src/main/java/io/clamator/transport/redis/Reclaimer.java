package io.clamator.transport.redis;

import io.clamator.metrics.ServiceMeters;
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
 * queued itself are not handed over twice, and those delivered more often than the
 * {@link DeliveryLimit} go to the dead letters. A claim whose answer did not come back may still
 * have been made (Redis runs a command that timed out): once a later claim is answered, which
 * Redis runs after it, its owner is told, so that the entries now pending to this server's
 * consumer are looked for.
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
    private final Duration claimIdle;
    private final EntryScheduler<StreamMessage<String, byte[]>> scheduler;
    private final RepeatedFailureLog failures;
    private final DeliveryLimit deliveryLimit;
    private final PeriodicPass passes;
    private final ServiceMeters meters;
    private final Runnable afterFailedClaim;
    /** Whether a claim failed and no claim has been answered since (passes run one at a time). */
    private volatile boolean claimLost;

    /**
     * @param afterFailedClaim run when a claim is answered after one that failed, on the thread that learnt it
     */
    Reclaimer(String service, ClaimSource source, Duration claimIdle, EntryScheduler<StreamMessage<String, byte[]>> scheduler,
              TransportTimer timer, DeliveryLimit deliveryLimit, ServiceMeters meters, Runnable afterFailedClaim) {
        this.service = service;
        this.source = source;
        this.claimIdle = claimIdle;
        this.scheduler = scheduler;
        this.failures = new RepeatedFailureLog(log, "reclaiming the entries of service " + service);
        this.deliveryLimit = deliveryLimit;
        this.meters = meters;
        this.afterFailedClaim = afterFailedClaim;
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
        source.claim(cursor, count).whenComplete((claimed, error) -> {
            if (error != null) {
                failures.failed(error, "entries left behind by stopped servers are not taken over; trying again in "
                        + passes.interval().toMillis() + " ms");
                claimLost = true;
                passDone(reclaimedSoFar, done);
                return;
            }
            failures.succeeded();
            if (claimLost) {
                claimLost = false;
                afterFailedClaim.run();
            }
            List<StreamMessage<String, byte[]>> fresh = claimed.getMessages().stream()
                    .filter(entry -> !scheduler.holds(entry.getId()))
                    .toList();
            deliveryLimit.admit(fresh).thenAccept(admitted -> {
                int reclaimed = reclaimedSoFar + (scheduler.submit(admitted) ? admitted.size() : 0);
                if (passes.isRunning() && !START.equals(claimed.getId())) {
                    claimFrom(claimed.getId(), reclaimed, done);
                } else {
                    passDone(reclaimed, done);
                }
            });
        });
    }

    private void passDone(int reclaimed, Runnable done) {
        if (reclaimed > 0) {
            meters.reclaimed(reclaimed);
            log.info("service {}: reclaimed {} entries left unacknowledged for over {} ms", service, reclaimed, claimIdle.toMillis());
        }
        done.run();
    }
}
