package io.clamator.transport.redis;

import io.clamator.transport.spi.EntryScheduler;
import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read loop of one service: a blocking {@code XREADGROUP} for new entries, issued again from
 * the completion of the previous one whenever the scheduler {@linkplain EntryScheduler#wantsEntries()
 * wants entries}, so it takes no thread while it waits. A consumer group that has gone (Redis
 * restarted without persistence) is created again; other failures are retried with backoff.
 */
final class StreamReader {

    private static final Logger log = LoggerFactory.getLogger(StreamReader.class);

    /** The consumer group's side of a command stream, as the loop uses it. */
    interface EntrySource {

        /** Reads up to {@code count} entries never delivered to the group, blocking for a while if there are none. */
        CompletionStage<List<StreamMessage<String, byte[]>>> readNew(int count);

        /** Creates the consumer group (and the stream) if it does not exist; completes normally if it does. */
        CompletionStage<?> createGroup();
    }

    private final String service;
    private final EntrySource source;
    private final int batchSize;
    private final EntryScheduler<StreamMessage<String, byte[]>> scheduler;
    private final TransportTimer timer;
    private final Backoff backoff;

    /** Guarded by {@code this}. */
    private boolean running;
    /** Guarded by {@code this}: a read or a group creation is waiting for its answer. */
    private boolean reading;

    StreamReader(String service, EntrySource source, int batchSize, EntryScheduler<StreamMessage<String, byte[]>> scheduler,
                 TransportTimer timer) {
        this.service = service;
        this.source = source;
        this.batchSize = batchSize;
        this.scheduler = scheduler;
        this.timer = timer;
        this.backoff = new Backoff(log, "consumer loop of service " + service);
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
    synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (reading) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return true;
    }

    /** Issues the next read unless one is under way or the scheduler has no room; safe to call at any time. */
    void readNext() {
        synchronized (this) {
            if (!running || reading || !scheduler.wantsEntries()) {
                return;
            }
            reading = true;
        }
        source.readNew(batchSize).whenComplete(this::onRead);
    }

    private void onRead(List<StreamMessage<String, byte[]>> entries, Throwable error) {
        readDone();
        if (error != null) {
            retryAfter(error);
            return;
        }
        backoff.onSuccess();
        if (!entries.isEmpty() && !scheduler.submit(entries)) {
            log.info("service {}: {} entries read while stopping stay pending for another server", service, entries.size());
        }
        readNext();
    }

    private void retryAfter(Throwable error) {
        if (!isRunning()) {
            return;
        }
        if (RedisErrorKind.of(error) == RedisErrorKind.NO_GROUP) {
            log.warn("service {}: the consumer group is gone (Redis restarted without persistence?); creating it again", service);
            synchronized (this) {
                reading = true;
            }
            source.createGroup().whenComplete((created, failure) -> {
                readDone();
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

    private synchronized void readDone() {
        reading = false;
        notifyAll();
    }

    private synchronized boolean isRunning() {
        return running;
    }
}
