package io.clamator.transport.redis;

import io.clamator.transport.spi.EntryScheduler;
import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read loop of one service: a blocking {@code XREADGROUP} for new entries, issued again from
 * the completion of the previous one whenever the scheduler has {@linkplain EntryScheduler#room()
 * room}, so it takes no thread while it waits. A read asks for no more entries than that room (at
 * most the batch size): what this server cannot start now stays in the stream, for whichever
 * server is idle. A consumer group that has gone (Redis restarted without persistence) is created
 * again, delivering what callers added meanwhile; other failures are retried with backoff.
 *
 * <p>At start and after every failed read, the loop first lists the entries already delivered to
 * its own consumer and takes again those the scheduler does not hold: what a previous process with
 * the same instance id left unfinished, and what a read that timed out on the client side still
 * took from the stream (a frozen Redis that comes back answers it anyway). Those delivered more
 * often than the {@link DeliveryLimit} go to the dead letters. The entries it holds are only
 * listed, so an unsteady Redis does not count deliveries of calls that are being handled. Before
 * it reads again after a failure it tells its owner, whose reading connection may be a new one.
 */
final class StreamReader {

    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    private static final String START = "0-0";

    /** The consumer group's side of a command stream, as the loop uses it. */
    interface EntrySource {

        /** Reads up to {@code count} entries never delivered to the group, blocking for a while if there are none. */
        CompletionStage<List<StreamMessage<String, byte[]>>> readNew(int count);

        /**
         * Lists the ids of up to {@code count} entries delivered to this consumer and not
         * acknowledged, after {@code after}, in stream order, without delivering them again.
         */
        CompletionStage<List<String>> listOwnPending(String after, int count);

        /**
         * Delivers the given entries, pending to this consumer, to it once more (counting a
         * delivery each), in the given order; an entry no longer in the stream, or no longer
         * pending to this consumer (another server took it over since it was listed), is left out.
         */
        CompletionStage<List<StreamMessage<String, byte[]>>> redeliverOwn(List<String> entryIds);

        /**
         * Creates the consumer group that has gone (and the stream if it has gone too) so that it
         * delivers every entry the stream holds; completes normally if another server was first.
         */
        CompletionStage<?> recreateGroup();
    }

    private final String service;
    private final EntrySource source;
    private final int batchSize;
    private final EntryScheduler<StreamMessage<String, byte[]>> scheduler;
    private final TransportTimer timer;
    private final Backoff backoff;
    private final DeliveryLimit deliveryLimit;
    private final Runnable beforeReadingAgain;

    /** Written under {@code this}; read without it by health checks. */
    private volatile boolean running;
    /** A read or a group creation waiting for its answer. */
    private final Underway underway = new Underway();
    /** Guarded by {@code this}: where the reading of the own pending entries goes on; {@code null} when done. */
    private String ownPendingAfter = START;
    /** Guarded by {@code this}: whether the next read is the first after a failure. */
    private boolean failed;
    /** Guarded by {@code this}: a new listing of the own pending entries was asked for since the current one began. */
    private boolean relistAsked;

    /**
     * @param beforeReadingAgain run before the first read after a failure, on the thread that issues it
     */
    StreamReader(String service, EntrySource source, int batchSize, EntryScheduler<StreamMessage<String, byte[]>> scheduler,
                 TransportTimer timer, DeliveryLimit deliveryLimit, Runnable beforeReadingAgain) {
        this.service = service;
        this.source = source;
        this.batchSize = batchSize;
        this.scheduler = scheduler;
        this.timer = timer;
        this.backoff = new Backoff(log, "consumer loop of service " + service);
        this.deliveryLimit = deliveryLimit;
        this.beforeReadingAgain = beforeReadingAgain;
    }

    void start() {
        synchronized (this) {
            running = true;
        }
        readNext();
    }

    /** Issues no more reads; a read under way completes (or is ended by the caller) by itself. */
    synchronized void stop() {
        running = false;
    }

    /**
     * Lists the entries delivered to this consumer again before the next read: entries may have
     * come to it without a read (a claim whose answer was lost, a reply that could not be written).
     */
    synchronized void listOwnPendingAgain() {
        if (running) {
            ownPendingAfter = START;
            relistAsked = true;
        }
    }

    /** Waits until no read is under way. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        return underway.awaitEnd(deadlineNanos);
    }

    /** Issues the next read unless one is under way or the scheduler has no room; safe to call at any time. */
    void readNext() {
        String pendingAfter;
        int count;
        boolean afterFailure;
        synchronized (this) {
            count = Math.min(batchSize, scheduler.room());
            if (!running || count == 0 || !underway.begin()) {
                return;
            }
            pendingAfter = ownPendingAfter;
            if (START.equals(pendingAfter)) {
                relistAsked = false; // this listing is the one asked for
            }
            afterFailure = failed;
            failed = false;
        }
        if (afterFailure) {
            beforeReadingAgain.run();
        }
        if (pendingAfter != null) {
            source.listOwnPending(pendingAfter, count).whenComplete((ids, error) -> onOwnPending(ids, error, count));
        } else {
            source.readNew(count).whenComplete(this::onRead);
        }
    }

    private void onRead(List<StreamMessage<String, byte[]>> entries, Throwable error) {
        if (error != null) {
            succeeded(error); // retries
            return;
        }
        // handed on while the read is still under way, so that a slot freed meanwhile counts them before it reads again
        handOn(entries);
        if (succeeded(null)) {
            readNext();
        }
    }

    private void onOwnPending(List<String> ids, Throwable error, int count) {
        if (error != null) {
            succeeded(error); // retries
            return;
        }
        // the read stays under way until the entries not held here have been taken again and handed on
        synchronized (this) {
            ownPendingAfter = relistAsked ? START : ids.size() < count ? null : ids.get(ids.size() - 1);
        }
        List<String> unknown = ids.stream().filter(id -> !scheduler.holds(id)).toList();
        if (unknown.isEmpty()) {
            succeeded(null);
            readNext();
            return;
        }
        source.redeliverOwn(unknown).whenComplete((entries, failure) -> {
            if (failure != null) {
                succeeded(failure); // retries
                return;
            }
            deliveryLimit.admit(entries).whenComplete((admitted, admitFailure) -> {
                if (admitted != null && !admitted.isEmpty()) {
                    log.info("service {}: handling {} entries delivered to this consumer earlier and not acknowledged", service,
                            admitted.size());
                    handOn(admitted);
                }
                if (succeeded(admitFailure)) {
                    readNext();
                }
            });
        });
    }

    /** What keeps the loop from reading (for health checks), or {@code null} while it reads. */
    String problem() {
        return backoff.problem(running);
    }

    /** Ends the read; a failed one is retried. */
    private boolean succeeded(Throwable error) {
        underway.end();
        if (error != null) {
            retryAfter(error);
            return false;
        }
        backoff.onSuccess();
        return true;
    }

    private void handOn(List<StreamMessage<String, byte[]>> entries) {
        if (!entries.isEmpty() && !scheduler.submit(entries)) {
            log.info("service {}: {} entries read while stopping stay pending for another server", service, entries.size());
        }
    }

    private void retryAfter(Throwable error) {
        synchronized (this) {
            if (!running) {
                return;
            }
            ownPendingAfter = START; // a failed read may still have taken entries from the stream
            failed = true;
        }
        if (RedisErrorKind.of(error) == RedisErrorKind.NO_GROUP) {
            log.warn("service {}: the consumer group is gone (Redis restarted without persistence?); creating it again", service);
            if (!underway.begin()) {
                return; // a read under way meanwhile meets the same condition
            }
            source.recreateGroup().whenComplete((created, failure) -> {
                underway.end();
                if (failure == null) {
                    readNext();
                } else {
                    retryAfter(failure);
                }
            });
            return;
        }
        timer.schedule(this::readNext, Duration.ofMillis(backoff.onFailure(error)));
    }
}
