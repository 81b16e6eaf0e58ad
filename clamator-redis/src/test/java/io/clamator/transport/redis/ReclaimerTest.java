package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.metrics.ClamatorMetrics;
import io.clamator.testing.ManualTimer;
import io.clamator.transport.spi.EntryScheduler;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Reclaiming against a fake pending list: the cursor is followed, own entries are not taken twice. */
class ReclaimerTest {

    /** Counts nothing, so every entry is admitted. */
    private static final DeliveryLimit NO_LIMIT = new DeliveryLimit("arith", 5,
            ids -> CompletableFuture.completedFuture(Map.of()), (entry, deliveries) -> CompletableFuture.completedFuture(null));

    private final ManualTimer timer = new ManualTimer();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> unfinished = new CopyOnWriteArrayList<>();
    private final EntryScheduler<StreamMessage<String, byte[]>> scheduler = EntryScheduler.<StreamMessage<String, byte[]>>builder("arith", 8)
            .executor(Runnable::run)
            .timer(timer)
            .keyedBy(StreamMessage::getId)
            .build((entry, run) -> {
                handled.add(entry.getId());
                CompletableFuture<Void> done = new CompletableFuture<>();
                unfinished.add(done);
                run.releaseSlot();
                return done;
            });
    private final List<String> cursors = new ArrayList<>();
    private final List<Integer> counts = new ArrayList<>();
    /** An answer to a claim; {@code null} fails it as a timeout does. */
    private final List<Reclaimer.Claim> answers = new ArrayList<>();
    private final List<Duration> minIdles = new ArrayList<>();
    private final List<Duration> runWithins = new ArrayList<>();
    private final AtomicInteger failedClaims = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final MissedResets missedResets = new MissedResets(Duration.ofSeconds(60), nanos::get);
    private final Reclaimer reclaimer = new Reclaimer("arith", (cursor, count, minIdle, runWithin) -> {
        cursors.add(cursor);
        counts.add(count);
        minIdles.add(minIdle);
        runWithins.add(runWithin);
        Reclaimer.Claim answer = answers.remove(0);
        return answer != null ? CompletableFuture.completedFuture(answer)
                : CompletableFuture.failedFuture(new RedisCommandTimeoutException("Command timed out after 10 second(s)"));
    }, Duration.ofSeconds(60), scheduler, timer, NO_LIMIT, ClamatorMetrics.none().service("shop", "arith"), missedResets,
            failedClaims::incrementAndGet, nanos::get);

    /** Runs the next pass at {@code seconds} after the start, answered with {@code answer} ({@code null}: failed). */
    private void passAt(int seconds, Reclaimer.Claim answer) {
        nanos.set(Duration.ofSeconds(seconds).toNanos());
        answers.add(answer);
        timer.runPending();
    }

    private static Reclaimer.Claim claimed(String next, String... ids) {
        List<StreamMessage<String, byte[]>> messages = new ArrayList<>();
        for (String id : ids) {
            messages.add(new StreamMessage<>("shop:cmds:arith", id, Map.of()));
        }
        return new Reclaimer.Claim(next, messages, 0, false);
    }

    @Test
    void everyIntervalAPassFollowsTheCursorToTheEndAndHandsOnWhatItClaimed() {
        reclaimer.start();
        assertThat(timer.pendingDelays()).as("a quarter of the claim idle time").containsExactly(Duration.ofSeconds(15));
        answers.add(claimed("5-0", "1-0", "2-0"));
        answers.add(claimed("0-0", "5-0"));
        timer.runPending();
        assertThat(cursors).containsExactly("0-0", "5-0");
        assertThat(counts).as("eight free slots").containsExactly(8, 8);
        assertThat(handled).containsExactly("1-0", "2-0", "5-0");
        assertThat(timer.pendingDelays()).as("the next pass").containsExactly(Duration.ofSeconds(15));
    }

    @Test
    void aBusyServerClaimsNoMoreThanItCanStartAndNothingWhenItIsFull() {
        List<String> busy = new ArrayList<>();
        EntryScheduler<StreamMessage<String, byte[]>> oneSlot = EntryScheduler.<StreamMessage<String, byte[]>>builder("arith", 1)
                .executor(Runnable::run)
                .timer(timer)
                .keyedBy(StreamMessage::getId)
                .build((entry, run) -> {
                    busy.add(entry.getId());
                    return new CompletableFuture<Void>();
                });
        Reclaimer busyReclaimer = new Reclaimer("arith", (cursor, count, minIdle, runWithin) -> {
            counts.add(count);
            return CompletableFuture.completedFuture(answers.remove(0));
        }, Duration.ofSeconds(60), oneSlot, timer, NO_LIMIT, ClamatorMetrics.none().service("shop", "arith"),
                new MissedResets(Duration.ofSeconds(60), nanos::get), () -> { }, nanos::get);
        busyReclaimer.start();
        answers.add(claimed("7-0", "1-0"));
        timer.runPending();
        assertThat(counts).as("one free slot; then none, so the pass ends without following the cursor").containsExactly(1);
        assertThat(busy).containsExactly("1-0");
        timer.runPending();
        assertThat(counts).as("no pass asks Redis while no slot is free").containsExactly(1);
    }

    @Test
    void entriesThisServerHoldsAreNotHandedOnAgain() {
        scheduler.submit(List.of(new StreamMessage<>("shop:cmds:arith", "1-0", Map.of())));
        reclaimer.start();
        answers.add(claimed("0-0", "1-0", "2-0"));
        timer.runPending();
        assertThat(handled).containsExactly("1-0", "2-0");
    }

    @Test
    void aClaimWithoutAnAnswerIsToldOnceTheNextClaimIsAnsweredSinceItsEntriesMayNowBePendingToThisConsumer() {
        reclaimer.start();
        answers.add(null);
        timer.runPending();
        assertThat(failedClaims).as("not before Redis has answered a later claim (and so run the lost one)").hasValue(0);
        assertThat(timer.pendingDelays()).as("the next pass as usual").containsExactly(Duration.ofSeconds(15));
        answers.add(claimed("0-0", "1-0"));
        timer.runPending();
        assertThat(failedClaims).hasValue(1);
        assertThat(handled).containsExactly("1-0");
        answers.add(claimed("0-0"));
        timer.runPending();
        assertThat(failedClaims).as("once").hasValue(1);
    }

    @Test
    void whileAndAfterRedisDoesNotAnswerClaimsAskForEntriesIdleLongerByThatTimeUntilAClaimIdleTimeAfterItAnswersAgain() {
        reclaimer.start();
        passAt(15, claimed("0-0"));
        passAt(30, null);
        passAt(45, null);
        passAt(60, claimed("0-0"));
        passAt(75, claimed("0-0"));
        passAt(119, claimed("0-0"));
        passAt(121, claimed("0-0"));
        assertThat(minIdles).as("the claim idle time, plus the time since Redis last answered a claim (at 15 s)").containsExactly(
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60 + 30), Duration.ofSeconds(60 + 45),
                Duration.ofSeconds(60 + 45), Duration.ofSeconds(60 + 45), Duration.ofSeconds(60));
    }

    @Test
    void aClaimAnsweredLaterThanAKeepersIntervalRaisesTheClaimsAfterIt() {
        CompletableFuture<Reclaimer.Claim> late = new CompletableFuture<>();
        List<Duration> asked = new ArrayList<>();
        Reclaimer slowRedis = new Reclaimer("arith", (cursor, count, minIdle, runWithin) -> {
            asked.add(minIdle);
            return asked.size() == 1 ? late : CompletableFuture.completedFuture(claimed("0-0"));
        }, Duration.ofSeconds(60), scheduler, timer, NO_LIMIT, ClamatorMetrics.none().service("shop", "arith"),
                new MissedResets(Duration.ofSeconds(60), nanos::get), () -> { }, nanos::get);
        slowRedis.start();
        nanos.set(Duration.ofSeconds(15).toNanos());
        timer.runPending();
        nanos.set(Duration.ofSeconds(40).toNanos()); // answered 25 s after it was sent; the keepers pass every 20 s
        late.complete(claimed("0-0"));
        nanos.set(Duration.ofSeconds(55).toNanos());
        timer.runPending();
        assertThat(asked).containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(60 + 40));
    }

    @Test
    void aClaimRedisRanLaterThanAKeepersIntervalTakesNothingAndRaisesTheClaimsAfterIt() {
        reclaimer.start();
        passAt(15, claimed("0-0"));
        passAt(30, Reclaimer.Claim.RAN_LATE);
        passAt(45, claimed("0-0"));
        passAt(89, claimed("0-0"));
        passAt(91, claimed("0-0"));
        assertThat(runWithins).as("a keeper's interval, a third of the claim idle time").containsOnly(Duration.ofSeconds(20));
        assertThat(cursors).as("the pass that ran late ended there").containsExactly("0-0", "0-0", "0-0", "0-0", "0-0");
        assertThat(minIdles).as("the claim idle time plus the time since the claim before it was answered, for one claim idle time")
                .containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60 + 15),
                        Duration.ofSeconds(60 + 15), Duration.ofSeconds(60));
        assertThat(handled).isEmpty();
    }

    @Test
    void aResetOfTheKeeperAnsweredLateRaisesTheClaimsAfterItThoughNoClaimWasLate() {
        reclaimer.start();
        passAt(15, claimed("0-0"));
        nanos.set(Duration.ofSeconds(40).toNanos());
        missedResets.answered(Duration.ofSeconds(16).toNanos(), false); // sent while every slot was busy, answered 24 s later
        passAt(45, claimed("0-0"));
        passAt(101, claimed("0-0"));
        assertThat(minIdles).as("raised by the time since Redis last answered (at 15 s), until a claim idle time after 40 s")
                .containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(60 + 25), Duration.ofSeconds(60));
    }

    @Test
    void theKeepersAnswersDuringABusySpellKeepTheClaimsAfterAFailureRaisedOnlyByTheOutage() {
        reclaimer.start();
        passAt(15, claimed("0-0"));
        nanos.set(Duration.ofHours(1).toNanos());
        missedResets.answered(Duration.ofHours(1).minusMillis(10).toNanos(), false); // no claim for an hour, the keeper answered
        passAt(3610, null);
        passAt(3625, claimed("0-0"));
        assertThat(minIdles).as("the time since the keeper's answer, not since the last claim an hour ago").containsExactly(
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60 + 25));
    }

    @Test
    void aStoppedReclaimerRunsNoMorePasses() {
        reclaimer.start();
        reclaimer.stop();
        assertThat(timer.pendingDelays()).isEmpty();
        assertThat(cursors).isEmpty();
    }

    @Test
    void theIntervalIsAQuarterOfTheClaimIdleTimeButAtLeastASecond() {
        assertThat(Reclaimer.intervalFor(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(15));
        assertThat(Reclaimer.intervalFor(Duration.ofMillis(200))).isEqualTo(Duration.ofSeconds(1));
    }
}
