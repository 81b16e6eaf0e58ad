package io.clamator.transport.redis;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long Redis went without answering a service's keeper and reclaimer, and so for how much
 * longer than the claim idle time the entries live servers run may have gone without a reset:
 * while Redis does not answer (a restart, a failover, a Redis that froze), no server's
 * {@link ClaimKeeper} reaches it. Both report every command they send: a failure, or an answer
 * later than a keeper's interval, tells of such a spell, and for one claim idle time after Redis
 * answered again, claims ask for entries idle for longer by the length of the spell. The keeper's
 * answers count too, because they go on while every slot is busy and no claim is sent. Reports
 * come from Lettuce's threads; the few fields change together, under the lock.
 */
final class MissedResets {

    private final long claimIdleNanos;
    private final long lateAnswerNanos;
    private final LongSupplier nanoTime;
    /** Whether a command failed and none has been answered since. */
    private boolean failing;
    /** When a command was last answered (or the service started). */
    private long lastAnsweredNanos;
    /** Until when claims ask for entries idle for {@link #raisedByNanos} longer than the claim idle time. */
    private long raisedUntilNanos;
    private long raisedByNanos;

    /** @param nanoTime the monotonic clock, {@link System#nanoTime()} but in tests */
    MissedResets(Duration claimIdle, LongSupplier nanoTime) {
        this.claimIdleNanos = claimIdle.toNanos();
        this.lateAnswerNanos = ClaimKeeper.intervalFor(claimIdle).toNanos();
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.lastAnsweredNanos = now;
        this.raisedUntilNanos = now;
    }

    /** A command that failed (timed out, lost its connection). */
    synchronized void failed() {
        failing = true;
    }

    /**
     * A command sent at {@code sentNanos} answered now; {@code late} when its answer says Redis ran
     * it late (a claim refused for that), whenever the answer came. Several late answers of one
     * spell (a keeper's and a claim's, answered together) keep the largest raise.
     */
    synchronized void answered(long sentNanos, boolean late) {
        long now = nanoTime.getAsLong();
        if (late || failing || now - sentNanos > lateAnswerNanos) {
            long spell = now - lastAnsweredNanos;
            raisedByNanos = now - raisedUntilNanos < 0 ? Math.max(raisedByNanos, spell) : spell;
            raisedUntilNanos = now + claimIdleNanos;
            failing = false;
        }
        lastAnsweredNanos = now;
    }

    /** How much longer than the claim idle time an entry must have been idle to be claimed now. */
    synchronized Duration extraIdle() {
        long now = nanoTime.getAsLong();
        long extra = failing ? now - lastAnsweredNanos : 0;
        if (now - raisedUntilNanos < 0) {
            extra = Math.max(extra, raisedByNanos);
        }
        return Duration.ofNanos(extra);
    }

    /** How late an answer may come before it tells of a Redis that did not answer the keepers either: a keeper's interval. */
    Duration lateAnswer() {
        return Duration.ofNanos(lateAnswerNanos);
    }
}
