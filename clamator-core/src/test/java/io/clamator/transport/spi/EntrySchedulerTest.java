package io.clamator.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.testing.ManualTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduling rules, without any transport: slots, order, hand-over, rejection, stop and abandon. */
class EntrySchedulerTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final ManualTimer timer = new ManualTimer();
    private final AtomicInteger capacitySignals = new AtomicInteger();

    @AfterEach
    void shutDownPool() {
        pool.shutdownNow();
    }

    private EntryScheduler<Integer> scheduler(int slots, Executor executor, EntryScheduler.Handler<Integer> handler) {
        return EntryScheduler.<Integer>builder("work", slots)
                .executor(executor)
                .timer(timer)
                .onCapacity(capacitySignals::incrementAndGet)
                .build(handler);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /** A handler that records starts and overlap, and finishes each entry at once. */
    private static final class Recorder implements EntryScheduler.Handler<Integer> {

        final List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch release = new CountDownLatch(0);

        @Override
        public CompletableFuture<Void> handle(Integer entry, EntryScheduler.Run run) {
            started.add(entry);
            threads.add(Thread.currentThread());
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            finished.add(entry);
            run.releaseSlot();
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void withOneSlotEntriesRunOneAtATimeInTheirOrder() {
        Recorder recorder = new Recorder();
        EntryScheduler<Integer> scheduler = scheduler(1, pool, recorder);
        scheduler.submit(range(0, 10));
        scheduler.submit(range(10, 20));
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.finished.size() == 20);
        assertThat(recorder.started).containsExactlyElementsOf(range(0, 20));
        assertThat(recorder.maxRunning).hasValue(1);
    }

    @Test
    void anEntrySubmittedAgainWhileHeldIsHandledOnce() {
        Recorder recorder = new Recorder();
        recorder.release = new CountDownLatch(1);
        EntryScheduler<Integer> scheduler = scheduler(1, pool, recorder);
        scheduler.submit(range(0, 2));
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.running.get() == 1);
        scheduler.submit(List.of(0, 1, 2));
        assertThat(scheduler.queued()).as("1 waits already; 0 runs").isEqualTo(2);
        recorder.release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.finished.size() == 3);
        assertThat(recorder.started).containsExactly(0, 1, 2);
        scheduler.submit(List.of(0));
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.finished.size() == 4);
        assertThat(recorder.started).as("once finished, an entry may come again").containsExactly(0, 1, 2, 0);
    }

    @Test
    void anUnboundedPrefetchLeavesTheMostRoomAnIntHolds() {
        EntryScheduler<Integer> unbounded = EntryScheduler.<Integer>builder("work", 3).executor(pool).timer(timer)
                .prefetch(Integer.MAX_VALUE).build(new Recorder());
        assertThat(unbounded.room()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theRoomIsTheFreeSlotsNotTakenByWaitingEntriesPlusThePrefetch() {
        Recorder recorder = new Recorder();
        recorder.release = new CountDownLatch(1);
        EntryScheduler<Integer> strict = scheduler(3, pool, recorder);
        EntryScheduler<Integer> prefetching = EntryScheduler.<Integer>builder("work", 3).executor(pool).timer(timer).prefetch(2)
                .build(recorder);
        assertThat(strict.room()).isEqualTo(3);
        assertThat(prefetching.room()).isEqualTo(5);
        strict.submit(range(0, 2));
        prefetching.submit(range(10, 14));
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.running.get() == 5);
        assertThat(strict.room()).isEqualTo(1);
        assertThat(prefetching.room()).as("three running, one waiting").isEqualTo(1);
        assertThat(prefetching.heldKeys()).as("running and waiting").containsExactlyInAnyOrder(10, 11, 12, 13);
        recorder.release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.finished.size() == 6);
        assertThat(prefetching.room()).isEqualTo(5);
        assertThat(prefetching.heldKeys()).isEmpty();
        strict.stop();
        assertThat(strict.room()).as("stopped").isZero();
    }

    @Test
    void withNSlotsAtMostNRunAtOnceAndTheRestWaitInOrder() {
        Recorder recorder = new Recorder();
        recorder.release = new CountDownLatch(1);
        EntryScheduler<Integer> scheduler = scheduler(4, pool, recorder);
        scheduler.submit(range(0, 6));
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.running.get() == 4);
        assertThat(recorder.started).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(scheduler.inFlight()).isEqualTo(4);
        assertThat(scheduler.room()).as("entries are waiting").isZero();
        recorder.release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.finished.size() == 6);
        assertThat(recorder.maxRunning).hasValue(4);
        assertThat(recorder.started.subList(4, 6)).containsExactly(4, 5);
        assertThat(scheduler.room()).isPositive();
        assertThat(capacitySignals.get()).as("the transport heard of every released slot").isGreaterThanOrEqualTo(6);
    }

    @Test
    void aHandlerThreadThatReleasesItsSlotGoesOnWithTheNextEntryItself() {
        Recorder recorder = new Recorder();
        AtomicInteger handOvers = new AtomicInteger();
        EntryScheduler<Integer> scheduler = scheduler(1, task -> {
            handOvers.incrementAndGet();
            pool.execute(task);
        }, recorder);
        scheduler.submit(range(0, 20));
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.finished.size() == 20);
        assertThat(handOvers).as("one hand-over for the whole batch").hasValue(1);
        assertThat(recorder.threads).containsOnly(recorder.threads.get(0));
    }

    @Test
    void aSlotReleasedLaterOnAnotherThreadHandsTheNextEntryToTheExecutor() {
        List<CompletableFuture<Void>> replies = Collections.synchronizedList(new ArrayList<>());
        List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        EntryScheduler<Integer> scheduler = scheduler(1, pool, (entry, run) -> {
            started.add(entry);
            CompletableFuture<Void> reply = new CompletableFuture<>();
            replies.add(reply);
            return reply.whenComplete((done, error) -> run.releaseSlot());
        });
        scheduler.submit(range(0, 3));
        await().atMost(Duration.ofSeconds(20)).until(() -> replies.size() == 1);
        assertThat(started).containsExactly(0);
        replies.get(0).complete(null);
        await().atMost(Duration.ofSeconds(20)).until(() -> replies.size() == 2);
        replies.get(1).complete(null);
        await().atMost(Duration.ofSeconds(20)).until(() -> replies.size() == 3);
        replies.get(2).complete(null);
        await().atMost(Duration.ofSeconds(20)).until(() -> scheduler.inFlight() == 0);
        assertThat(started).containsExactly(0, 1, 2);
    }

    @Test
    void aRejectedHandOverKeepsTheEntriesInOrderAndTriesAgainAfterAPause() {
        Recorder recorder = new Recorder();
        AtomicBoolean rejecting = new AtomicBoolean(true);
        AtomicInteger rejections = new AtomicInteger();
        EntryScheduler<Integer> scheduler = scheduler(1, task -> {
            if (rejecting.get()) {
                rejections.incrementAndGet();
                throw new RejectedExecutionException("saturated");
            }
            pool.execute(task);
        }, recorder);
        scheduler.submit(range(0, 5));
        assertThat(rejections).hasValue(1);
        assertThat(recorder.started).isEmpty();
        assertThat(scheduler.room()).as("nothing more is read while the executor refuses").isZero();
        assertThat(scheduler.holds(0)).isTrue();
        assertThat(timer.pendingDelays()).containsExactly(Duration.ofMillis(100));

        timer.runPending();
        assertThat(rejections).hasValue(2);
        assertThat(timer.pendingDelays()).as("the pause doubles").containsExactly(Duration.ofMillis(200));

        rejecting.set(false);
        timer.runPending();
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.finished.size() == 5);
        assertThat(recorder.started).containsExactlyElementsOf(range(0, 5));
        assertThat(scheduler.room()).isPositive();
    }

    @Test
    void stopStartsNoMoreEntriesAndGivesBackThoseWaitingInOrder() throws InterruptedException {
        Recorder recorder = new Recorder();
        recorder.release = new CountDownLatch(1);
        EntryScheduler<Integer> scheduler = scheduler(1, pool, recorder);
        scheduler.submit(range(0, 4));
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.running.get() == 1);

        assertThat(scheduler.stop()).containsExactly(1, 2, 3);
        assertThat(scheduler.holds(2)).isFalse();
        assertThat(scheduler.holds(0)).as("still running").isTrue();
        assertThat(scheduler.submit(List.of(9))).as("nothing is taken once stopped").isFalse();
        assertThat(scheduler.room()).isZero();
        assertThat(scheduler.awaitIdle(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100))).isFalse();

        recorder.release.countDown();
        assertThat(scheduler.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(20))).isTrue();
        assertThat(recorder.started).containsExactly(0);
    }

    @Test
    void abandonInterruptsTheHandlersStillRunningAndTheInterruptStaysWithThem() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean sawAbandoned = new AtomicBoolean();
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            EntryScheduler<Integer> scheduler = scheduler(1, single, (entry, run) -> {
                started.countDown();
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                sawAbandoned.set(run.isAbandoned());
                run.releaseSlot();
                return CompletableFuture.completedFuture(null);
            });
            scheduler.submit(List.of(1));
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            scheduler.stop();

            assertThat(scheduler.abandon()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(20)).untilTrue(interrupted);
            assertThat(scheduler.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(20))).isTrue();
            assertThat(sawAbandoned).isTrue();
            assertThat(single.submit(() -> Thread.currentThread().isInterrupted()).get(20, TimeUnit.SECONDS))
                    .as("the pool thread's next task is not interrupted").isFalse();
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void holdsWhatWaitsOrRunsUntilItIsFinished() {
        List<CompletableFuture<Void>> done = Collections.synchronizedList(new ArrayList<>());
        EntryScheduler<Integer> scheduler = scheduler(1, Runnable::run, (entry, run) -> {
            CompletableFuture<Void> finished = new CompletableFuture<>();
            done.add(finished);
            run.releaseSlot();
            return finished;
        });
        scheduler.submit(List.of(7));
        assertThat(done).hasSize(1);
        assertThat(scheduler.holds(7)).as("released its slot, not finished").isTrue();
        assertThat(scheduler.inFlight()).isEqualTo(1);
        done.get(0).complete(null);
        assertThat(scheduler.holds(7)).isFalse();
        assertThat(scheduler.inFlight()).isZero();
    }

    @Test
    void aHandlerThatThrowsStillFreesItsSlot() {
        Recorder recorder = new Recorder();
        AtomicBoolean first = new AtomicBoolean(true);
        EntryScheduler<Integer> scheduler = scheduler(1, pool, (entry, run) -> {
            if (first.getAndSet(false)) {
                throw new IllegalStateException("a bug in the transport's handler");
            }
            return recorder.handle(entry, run);
        });
        scheduler.submit(range(0, 3));
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.finished.size() == 2);
        assertThat(recorder.started).containsExactly(1, 2);
    }
}
