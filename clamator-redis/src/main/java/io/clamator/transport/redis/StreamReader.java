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
 * server is idle. A consumer group that has gone (Redis
 * restarted without persistence) is created again; other failures are retried with backoff.
 *
 * <p>At start and after every failed read, the loop first reads the entries already delivered to
 * its own consumer and hands on those the scheduler does not hold: what a previous process with
 * the same instance id left unfinished, and what a read that timed out on the client side still
 * took from the stream (a frozen Redis that comes back answers it anyway). Those delivered more
 * often than the {@link DeliveryLimit} go to the dead letters.
 */
final class StreamReader {

    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);
    private static final String START = "0-0";

    /** The consumer group's side of a command stream, as the loop uses it. */
    interface EntrySource {

        /** Reads up to {@code count} entries never delivered to the group, blocking for a while if there are none. */
        CompletionStage<List<StreamMessage<String, byte[]>>> readNew(int count);

        /** Reads up to {@code count} entries delivered to this consumer and not acknowledged, with ids after {@code after}. */
        CompletionStage<List<StreamMessage<String, byte[]>>> readOwnPending(String after, int count);

        /** Creates the consumer group (and the stream) if it does not exist; completes normally if it does. */
        CompletionStage<?> createGroup();
    }

    private final String service;
    private final EntrySource source;
    private final int batchSize;
    private final EntryScheduler<StreamMessage<String, byte[]>> scheduler;
    private final TransportTimer timer;
    private final Backoff backoff;
    private final DeliveryLimit deliveryLimit;

    /** Written under {@code this}; read without it by health checks. */
    private volatile boolean running;
    /** A read or a group creation waiting for its answer. */
    private final Underway underway = new Underway();
    /** Guarded by {@code this}: where the reading of the own pending entries goes on; {@code null} when done. */
    private String ownPendingAfter = START;

    StreamReader(String service, EntrySource source, int batchSize, EntryScheduler<StreamMessage<String, byte[]>> scheduler,
                 TransportTimer timer, DeliveryLimit deliveryLimit) {
        this.service = service;
        this.source = source;
        this.batchSize = batchSize;
        this.scheduler = scheduler;
        this.timer = timer;
        this.backoff = new Backoff(log, "consumer loop of service " + service);
        this.deliveryLimit = deliveryLimit;
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

    /** Waits until no read is under way. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        return underway.awaitEnd(deadlineNanos);
    }

    /** Issues the next read unless one is under way or the scheduler has no room; safe to call at any time. */
    void readNext() {
        String pendingAfter;
        int count;
        synchronized (this) {
            count = Math.min(batchSize, scheduler.room());
            if (!running || count == 0 || !underway.begin()) {
                return;
            }
            pendingAfter = ownPendingAfter;
        }
        if (pendingAfter != null) {
            source.readOwnPending(pendingAfter, count).whenComplete((entries, error) -> onOwnPending(entries, error, count));
        } else {
            source.readNew(count).whenComplete(this::onRead);
        }
    }

    private void onRead(List<StreamMessage<String, byte[]>> entries, Throwable error) {
        if (succeeded(error)) {
            handOn(entries);
            readNext();
        }
    }

    private void onOwnPending(List<StreamMessage<String, byte[]>> entries, Throwable error, int count) {
        if (!succeeded(error)) {
            return;
        }
        synchronized (this) {
            ownPendingAfter = entries.size() < count ? null : entries.get(entries.size() - 1).getId();
        }
        List<StreamMessage<String, byte[]>> unknown = entries.stream().filter(entry -> !scheduler.holds(entry.getId())).toList();
        deliveryLimit.admit(unknown).thenAccept(admitted -> {
            if (!admitted.isEmpty()) {
                log.info("service {}: handling {} entries delivered to this consumer earlier and not acknowledged", service,
                        admitted.size());
            }
            handOn(admitted);
            readNext();
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
        }
        if (RedisErrorKind.of(error) == RedisErrorKind.NO_GROUP) {
            log.warn("service {}: the consumer group is gone (Redis restarted without persistence?); creating it again", service);
            if (!underway.begin()) {
                return; // a read under way meanwhile meets the same condition
            }
            source.createGroup().whenComplete((created, failure) -> {
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
