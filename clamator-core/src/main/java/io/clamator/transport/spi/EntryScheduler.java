package io.clamator.transport.spi;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when each entry a server received for one service runs: at most {@code slots} at a
 * time, in the order received, on the handler executor. With one slot, entries run one after the
 * other in their order, which is the upstream guarantee for a single server.
 *
 * <p>An entry holds its slot until its handler {@linkplain Run#releaseSlot() releases} it (for
 * Redis, once the reply has been handed to Redis, so replies still leave in order) and counts as
 * in flight until the stage its handler returned completes. A handler thread that releases its
 * slot while entries are waiting goes on with the next one itself instead of handing it to
 * another thread. An executor that rejects an entry gets it again after a pause (100 ms,
 * doubling up to 5 s); entries keep their order meanwhile.
 *
 * <p>Thread-safe. The transport {@linkplain #submit submits} what it received when
 * {@link #room()} admits; {@code onCapacity} tells it when that may have changed.
 *
 * @param <E> what the transport received, say a stream entry
 */
public final class EntryScheduler<E> {

    private static final Logger log = LoggerFactory.getLogger(EntryScheduler.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    /** Handles one entry on a handler thread. */
    @FunctionalInterface
    public interface Handler<E> {

        /**
         * Handles an entry.
         *
         * @param run the entry's place in the scheduler: release its slot once the next entry may start
         * @return completes when the entry is finished with (answered and acknowledged, say); a failure
         *         has been reported by the handler itself. The slot is released then at the latest.
         */
        CompletionStage<?> handle(E entry, Run run);
    }

    /** An entry's place in the scheduler, as its handler sees it. */
    public interface Run {

        /** Lets the next entry start; the first call counts, later ones do nothing. */
        void releaseSlot();

        /** Whether the server gave up on the entries still running (its results must not be delivered). */
        boolean isAbandoned();

        /** Interrupts the thread running the entry's handler, if it still does (its time limit passed). */
        void interrupt();
    }

    private final String service;
    private final Executor executor;
    private final TransportTimer timer;
    private final Function<? super E, ?> keyOf;
    private final Runnable onCapacity;
    private final Handler<E> handler;
    private final int prefetch;

    /** Guarded by {@code this}: entries received and not yet started, in order. */
    private final ArrayDeque<E> queue = new ArrayDeque<>();
    /** Guarded by {@code this}: entries started and not yet finished. */
    private final Set<EntryRun> running = new HashSet<>();
    /** Guarded by {@code this}: the keys of every queued or running entry. */
    private final Set<Object> held = new HashSet<>();
    /** Guarded by {@code this}. */
    private int freeSlots;
    /** Guarded by {@code this}. */
    private boolean accepting = true;
    /** Guarded by {@code this}: the executor rejected an entry; no hand-over until the retry. */
    private boolean pausedAfterRejection;
    /** Guarded by {@code this}. */
    private Duration nextRetry = FIRST_RETRY;
    private volatile boolean abandoned;

    private EntryScheduler(Builder<E> builder, Handler<E> handler) {
        this.service = builder.service;
        this.freeSlots = builder.slots;
        this.executor = Objects.requireNonNull(builder.executor, "executor");
        this.timer = Objects.requireNonNull(builder.timer, "timer");
        this.keyOf = builder.keyOf;
        this.onCapacity = builder.onCapacity;
        this.handler = handler;
        this.prefetch = builder.prefetch;
    }

    /** Starts a scheduler for the entries of one service. */
    public static <E> Builder<E> builder(String service, int slots) {
        return new Builder<>(service, slots);
    }

    /**
     * Queues entries behind those already waiting and starts what the free slots allow. An entry
     * the scheduler {@linkplain #holds holds} already (handed on twice by two ways of receiving
     * it) is not taken again.
     *
     * @return {@code false}, queueing nothing, once the scheduler has been stopped
     */
    public boolean submit(Collection<? extends E> entries) {
        synchronized (this) {
            if (!accepting) {
                return false;
            }
            for (E entry : entries) {
                if (held.add(keyOf.apply(entry))) {
                    queue.add(entry);
                }
            }
        }
        dispatch();
        return true;
    }

    /**
     * How many more entries the transport should receive now: the free slots not taken by entries
     * already waiting, plus the prefetch; none while stopped or paused. A transport that receives
     * no more than this leaves the rest where they are (in a Redis stream, for an idle server).
     */
    public synchronized int room() {
        return accepting && !pausedAfterRejection ? (int) Math.min(Integer.MAX_VALUE, Math.max(0, (long) freeSlots + prefetch - queue.size())) : 0;
    }

    /** The keys of the entries held: waiting for a slot, or started and not finished. */
    public synchronized List<Object> heldKeys() {
        return new ArrayList<>(held);
    }

    /** Whether an entry with this key is waiting or running. */
    public synchronized boolean holds(Object key) {
        return held.contains(key);
    }

    /** How many entries are waiting for a slot. */
    public synchronized int queued() {
        return queue.size();
    }

    /** How many entries have started and not finished. */
    public synchronized int inFlight() {
        return running.size();
    }

    /**
     * Starts no more entries.
     *
     * @return the entries that were waiting, never started, in their order
     */
    public synchronized List<E> stop() {
        accepting = false;
        List<E> left = new ArrayList<>(queue);
        queue.clear();
        left.forEach(entry -> held.remove(keyOf.apply(entry)));
        notifyAll();
        return left;
    }

    /**
     * Waits until every started entry has finished.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value after which to give up
     * @return whether that happened before the deadline
     */
    public synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (!running.isEmpty()) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return true;
    }

    /**
     * Gives up on the entries still running: {@link Run#isAbandoned()} turns true for them and
     * their handler threads are interrupted.
     *
     * @return how many were still running
     */
    public int abandon() {
        List<EntryRun> left;
        synchronized (this) {
            abandoned = true;
            left = new ArrayList<>(running);
        }
        left.forEach(EntryRun::interrupt);
        return left.size();
    }

    /** Hands waiting entries to the executor while slots are free. */
    private void dispatch() {
        for (EntryRun run = take(); run != null; run = take()) {
            EntryRun handedOver = run;
            try {
                executor.execute(() -> runFrom(handedOver));
            } catch (RejectedExecutionException e) {
                handBack(run, e);
                return;
            }
            accepted();
        }
    }

    /** The next waiting entry, with a slot taken for it, if one may start. */
    private synchronized EntryRun take() {
        if (!accepting || pausedAfterRejection || freeSlots == 0 || queue.isEmpty()) {
            return null;
        }
        E entry = queue.poll();
        freeSlots--;
        EntryRun run = new EntryRun(entry, keyOf.apply(entry));
        running.add(run);
        return run;
    }

    /** Runs on a handler thread: the entry, then the entries its released slot lets it take. */
    private void runFrom(EntryRun first) {
        EntryRun run = first;
        while (run != null) {
            run = run.execute() ? take() : null;
        }
    }

    private void finished(EntryRun run) {
        run.releaseSlot();
        synchronized (this) {
            running.remove(run);
            held.remove(run.key);
            notifyAll();
        }
    }

    private void slotReleased(boolean onHandlerThread) {
        synchronized (this) {
            freeSlots++;
        }
        if (!onHandlerThread) {
            dispatch();
        }
        onCapacity.run();
    }

    private void handBack(EntryRun run, RejectedExecutionException error) {
        Duration pause;
        boolean firstRejection;
        synchronized (this) {
            running.remove(run);
            queue.addFirst(run.entry);
            freeSlots++;
            firstRejection = !pausedAfterRejection && nextRetry.equals(FIRST_RETRY);
            pausedAfterRejection = true;
            pause = nextRetry;
            nextRetry = nextRetry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : nextRetry.multipliedBy(2);
        }
        if (firstRejection) {
            log.error("service {}: the handler executor rejected a call ({}); calls wait and are handed to it again, first in {} ms",
                    service, error.toString(), pause.toMillis());
        }
        timer.schedule(this::retryAfterRejection, pause);
    }

    private void retryAfterRejection() {
        synchronized (this) {
            pausedAfterRejection = false;
        }
        dispatch();
        onCapacity.run();
    }

    private void accepted() {
        boolean recovered;
        synchronized (this) {
            recovered = !nextRetry.equals(FIRST_RETRY);
            nextRetry = FIRST_RETRY;
        }
        if (recovered) {
            log.info("service {}: the handler executor takes calls again", service);
        }
    }

    /** One entry from the moment it takes a slot until it is finished. */
    private final class EntryRun implements Run {

        private final E entry;
        private final Object key;
        /** Guarded by {@code this}: the thread running the handler, while it does. */
        private Thread thread;
        /** Guarded by {@code this}. */
        private boolean released;
        /** Guarded by {@code this}: released by the handler thread while the handler ran. */
        private boolean releasedOnHandlerThread;
        /** Guarded by {@code this}: {@link #abandon()} interrupted the handler thread. */
        private boolean interrupted;

        EntryRun(E entry, Object key) {
            this.entry = entry;
            this.key = key;
        }

        /**
         * Runs the handler on the current thread.
         *
         * @return whether it released its slot on this thread, so that this thread may take the next entry
         */
        boolean execute() {
            synchronized (this) {
                thread = Thread.currentThread();
            }
            CompletionStage<?> done;
            try {
                done = handler.handle(entry, this);
            } catch (RuntimeException | Error e) {
                log.error("service {}: the handler of entry {} failed", service, key, e);
                done = CompletableFuture.failedFuture(e);
            }
            boolean goOn;
            synchronized (this) {
                thread = null;
                goOn = releasedOnHandlerThread;
                if (interrupted) {
                    Thread.interrupted(); // the interrupt was for this handler, not for the next task of the thread
                }
            }
            done.whenComplete((ignored, error) -> finished(this));
            return goOn;
        }

        @Override
        public void releaseSlot() {
            boolean onHandlerThread;
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
                onHandlerThread = thread == Thread.currentThread();
                releasedOnHandlerThread = onHandlerThread;
            }
            slotReleased(onHandlerThread);
        }

        @Override
        public boolean isAbandoned() {
            return abandoned;
        }

        @Override
        public synchronized void interrupt() {
            if (thread != null) {
                interrupted = true;
                thread.interrupt();
            }
        }
    }

    /** Configures an {@link EntryScheduler}. */
    public static final class Builder<E> {

        private final String service;
        private final int slots;
        private Executor executor;
        private TransportTimer timer;
        private Function<? super E, ?> keyOf = entry -> entry;
        private Runnable onCapacity = () -> { };
        private int prefetch;

        private Builder(String service, int slots) {
            if (slots <= 0) {
                throw new IllegalArgumentException("slots must be positive, was " + slots);
            }
            this.service = service;
            this.slots = slots;
        }

        /** Where handlers run. Required. */
        public Builder<E> executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** Where the retries after a rejected hand-over are scheduled. Required. */
        public Builder<E> timer(TransportTimer timer) {
            this.timer = timer;
            return this;
        }

        /** What identifies an entry for {@link #holds(Object)}; default the entry itself. */
        public Builder<E> keyedBy(Function<? super E, ?> keyOf) {
            this.keyOf = keyOf;
            return this;
        }

        /** Called whenever a slot was released, so the transport may receive more. */
        public Builder<E> onCapacity(Runnable onCapacity) {
            this.onCapacity = onCapacity;
            return this;
        }

        /**
         * How many entries {@link #room()} admits beyond the free slots, to wait behind the running
         * ones; default 0: only what can start at once.
         */
        public Builder<E> prefetch(int prefetch) {
            if (prefetch < 0) {
                throw new IllegalArgumentException("prefetch must not be negative, was " + prefetch);
            }
            this.prefetch = prefetch;
            return this;
        }

        public EntryScheduler<E> build(Handler<E> handler) {
            return new EntryScheduler<>(this, handler);
        }
    }
}
