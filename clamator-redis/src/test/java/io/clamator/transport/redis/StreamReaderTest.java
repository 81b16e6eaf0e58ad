package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.testing.ManualTimer;
import io.clamator.transport.spi.EntryScheduler;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The read loop against a fake stream: when it reads, what it hands on, how it recovers. */
class StreamReaderTest {

    /** Counts nothing, so every entry is admitted. */
    private static final DeliveryLimit NO_LIMIT = new DeliveryLimit("arith", 5,
            ids -> CompletableFuture.completedFuture(Map.of()), (entry, deliveries) -> CompletableFuture.completedFuture(null));

    private final FakeStream stream = new FakeStream();
    private final ManualTimer timer = new ManualTimer();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> unfinished = new CopyOnWriteArrayList<>();
    /** How many own-pending listings had been issued each time the reader said it reads again after a failure. */
    private final List<Integer> readingAgain = new CopyOnWriteArrayList<>();
    private StreamReader reader;
    private final EntryScheduler<StreamMessage<String, byte[]>> scheduler = EntryScheduler.<StreamMessage<String, byte[]>>builder("arith", 2)
            .executor(Runnable::run)
            .timer(timer)
            .keyedBy(StreamMessage::getId)
            .onCapacity(() -> reader.readNext())
            .build((entry, run) -> {
                handled.add(entry.getId());
                CompletableFuture<Void> done = new CompletableFuture<>();
                unfinished.add(done);
                return done.whenComplete((ignored, error) -> run.releaseSlot());
            });

    {
        reader = new StreamReader("arith", stream, 16, scheduler, timer, NO_LIMIT, () -> readingAgain.add(stream.pendingCursors.size()));
    }

    private static StreamMessage<String, byte[]> entry(String id) {
        return new StreamMessage<>("shop:cmds:arith", id, Map.of());
    }

    @Test
    void readsNoMoreEntriesThanTheSchedulerCanStartAndReadsAgainWhenASlotIsFree() {
        reader.start();
        stream.noneOwnPending();
        assertThat(stream.reads).hasSize(1);
        assertThat(stream.counts).as("two free slots, although the batch size is 16").containsExactly(2);
        stream.answer(0, List.of(entry("1-0")));
        assertThat(handled).containsExactly("1-0");
        assertThat(stream.counts).as("one slot still free").containsExactly(2, 1);
        stream.answer(1, List.of(entry("2-0")));
        assertThat(handled).containsExactly("1-0", "2-0");
        assertThat(stream.reads).as("no slot free: no read").hasSize(2);
        unfinished.get(0).complete(null);
        assertThat(stream.counts).containsExactly(2, 1, 1);
    }

    @Test
    void anEmptyReadIsIssuedAgainAtOnce() {
        reader.start();
        stream.noneOwnPending();
        stream.answer(0, List.of());
        stream.answer(1, List.of());
        assertThat(stream.reads).hasSize(3);
        assertThat(timer.pendingDelays()).isEmpty();
    }

    @Test
    void aGroupThatIsGoneIsCreatedAgainBeforeTheNextRead() {
        reader.start();
        stream.noneOwnPending();
        stream.fail(0, new RedisCommandExecutionException("NOGROUP No such key 'shop:cmds:arith' or consumer group 'arith'"));
        assertThat(stream.groupCreations).hasSize(1);
        assertThat(stream.reads).hasSize(1);
        stream.groupCreations.get(0).complete(null);
        stream.noneOwnPending();
        assertThat(stream.reads).hasSize(2);
        assertThat(timer.pendingDelays()).isEmpty();
    }

    @Test
    void otherFailuresAreRetriedAfterABackoff() {
        reader.start();
        stream.noneOwnPending();
        stream.fail(0, new RedisCommandTimeoutException("Command timed out after 11 second(s)"));
        assertThat(stream.reads).hasSize(1);
        assertThat(timer.pendingDelays()).singleElement().satisfies(delay -> assertThat(delay.toMillis()).isBetween(50L, 100L));
        timer.runPending();
        assertThat(stream.pendingCursors).as("own pending entries first again").containsExactly("0-0/2", "0-0/2");
        stream.pendingReads.get(1).completeExceptionally(new RedisCommandTimeoutException("again"));
        assertThat(timer.pendingDelays()).as("the pause doubles").singleElement()
                .satisfies(delay -> assertThat(delay.toMillis()).isBetween(100L, 200L));
        timer.runPending();
        stream.noneOwnPending();
        assertThat(stream.reads).as("a success ends the outage").hasSize(2);
        stream.fail(1, new RedisCommandTimeoutException("a new outage"));
        assertThat(timer.pendingDelays()).singleElement().satisfies(delay -> assertThat(delay.toMillis()).isBetween(50L, 100L));
    }

    @Test
    void itSaysSoBeforeTheFirstReadAfterAFailureOnly() {
        reader.start();
        stream.noneOwnPending();
        stream.answer(0, List.of());
        assertThat(readingAgain).as("not at start, not after a successful read").isEmpty();
        stream.fail(1, new RedisCommandTimeoutException("Command timed out after 11 second(s)"));
        assertThat(readingAgain).as("not before the pause").isEmpty();
        timer.runPending();
        assertThat(readingAgain).as("once, before the listing of the own pending entries that follows the failure").containsExactly(1);
        stream.noneOwnPending();
        stream.answer(2, List.of());
        assertThat(readingAgain).containsExactly(1);
    }

    @Test
    void whenToldItListsTheEntriesPendingToThisConsumerBeforeItsNextRead() {
        reader.start();
        stream.noneOwnPending();
        reader.listOwnPendingAgain();
        stream.answer(0, List.of());
        assertThat(stream.pendingCursors).as("listed again, from the start").containsExactly("0-0/2", "0-0/2");
        assertThat(stream.reads).hasSize(1);
        stream.noneOwnPending();
        assertThat(stream.reads).hasSize(2);
    }

    @Test
    void aListingAskedForWhileOneIsUnderWayFollowsIt() {
        reader.start();
        reader.listOwnPendingAgain();
        stream.noneOwnPending();
        assertThat(stream.pendingCursors).containsExactly("0-0/2", "0-0/2");
        assertThat(stream.reads).isEmpty();
        stream.noneOwnPending();
        assertThat(stream.pendingCursors).as("no third").hasSize(2);
        assertThat(stream.reads).hasSize(1);
    }

    @Test
    void atStartEntriesAlreadyDeliveredToThisConsumerAreHandledFirstPageByPage() {
        StreamReader small = new StreamReader("arith", stream, 2, scheduler, timer, NO_LIMIT, () -> { });
        reader = small;
        small.start();
        stream.pendingReads.get(0).complete(List.of("1-0", "2-0"));
        assertThat(handled).containsExactly("1-0", "2-0");
        unfinished.get(0).complete(null);
        assertThat(stream.pendingCursors).as("a page as large as the one free slot").containsExactly("0-0/2", "2-0/1");
        stream.pendingReads.get(1).complete(List.of("3-0"));
        assertThat(handled).containsExactly("1-0", "2-0", "3-0");
        unfinished.get(1).complete(null);
        assertThat(stream.pendingCursors).containsExactly("0-0/2", "2-0/1", "3-0/1");
        stream.noneOwnPending();
        assertThat(stream.reads).as("then new entries").hasSize(1);
        assertThat(stream.counts).containsExactly(1);
    }

    @Test
    void ownPendingEntriesTheSchedulerHoldsAreNotHandedOnTwice() {
        reader.start();
        stream.noneOwnPending();
        stream.answer(0, List.of(entry("1-0")));
        assertThat(handled).containsExactly("1-0");
        stream.fail(1, new RedisCommandTimeoutException("timed out"));
        timer.runPending();
        stream.pendingReads.get(1).complete(List.of("1-0", "4-0"));
        assertThat(stream.redelivered).as("1-0 is being handled: listed, not delivered again").containsExactly("4-0");
        assertThat(handled).as("4-0 was taken by the read that timed out").containsExactly("1-0", "4-0");
    }

    @Test
    void aReadOfOwnPendingEntriesStaysUnderWayUntilTheyAreHandedOn() throws InterruptedException {
        CompletableFuture<Map<String, Long>> counts = new CompletableFuture<>();
        reader = new StreamReader("arith", stream, 16, scheduler, timer,
                new DeliveryLimit("arith", 5, ids -> counts, (entry, deliveries) -> CompletableFuture.completedFuture(null)), () -> { });
        reader.start();
        stream.pendingReads.get(0).complete(List.of("1-0"));
        assertThat(stream.redelivered).containsExactly("1-0");

        reader.readNext();
        assertThat(stream.reads).as("no new read while the delivery counts are awaited").isEmpty();
        assertThat(reader.awaitIdle(System.nanoTime())).as("the read is still under way").isFalse();

        counts.complete(Map.of("1-0", 2L));
        assertThat(handled).containsExactly("1-0");
        assertThat(stream.counts).as("then new entries, for the one slot left").containsExactly(1);
    }

    @Test
    void aStoppedReaderIssuesNoMoreReadsAndItsLastEntriesStayPending() throws InterruptedException {
        reader.start();
        stream.noneOwnPending();
        reader.stop();
        scheduler.stop();
        assertThat(reader.awaitIdle(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50))).as("a read is under way").isFalse();
        stream.answer(0, List.of(entry("1-0")));
        assertThat(handled).isEmpty();
        assertThat(stream.reads).hasSize(1);
        assertThat(reader.awaitIdle(System.nanoTime())).isTrue();
    }

    /** A command stream whose reads, listings and group creations complete when the test says so. */
    private static final class FakeStream implements StreamReader.EntrySource {

        final List<CompletableFuture<List<StreamMessage<String, byte[]>>>> reads = new ArrayList<>();
        final List<Integer> counts = new ArrayList<>();
        final List<CompletableFuture<List<String>>> pendingReads = new ArrayList<>();
        final List<String> pendingCursors = new ArrayList<>();
        final List<String> redelivered = new ArrayList<>();
        final List<CompletableFuture<Void>> groupCreations = new ArrayList<>();

        @Override
        public CompletionStage<List<String>> listOwnPending(String after, int count) {
            CompletableFuture<List<String>> read = new CompletableFuture<>();
            pendingReads.add(read);
            pendingCursors.add(after + "/" + count);
            return read;
        }

        /** Delivers again at once whatever the reader asks for. */
        @Override
        public CompletionStage<List<StreamMessage<String, byte[]>>> redeliverOwn(List<String> entryIds) {
            redelivered.addAll(entryIds);
            return CompletableFuture.completedFuture(entryIds.stream().map(StreamReaderTest::entry).toList());
        }

        /** Answers the listing of the own pending entries: nothing left from before. */
        void noneOwnPending() {
            pendingReads.get(pendingReads.size() - 1).complete(List.of());
        }

        @Override
        public CompletionStage<List<StreamMessage<String, byte[]>>> readNew(int count) {
            CompletableFuture<List<StreamMessage<String, byte[]>>> read = new CompletableFuture<>();
            reads.add(read);
            counts.add(count);
            return read;
        }

        @Override
        public CompletionStage<?> recreateGroup() {
            CompletableFuture<Void> creation = new CompletableFuture<>();
            groupCreations.add(creation);
            return creation;
        }

        void answer(int read, List<StreamMessage<String, byte[]>> entries) {
            reads.get(read).complete(entries);
        }

        void fail(int read, Throwable error) {
            reads.get(read).completeExceptionally(error);
        }
    }
}
