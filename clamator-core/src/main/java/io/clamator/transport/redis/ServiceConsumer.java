package io.clamator.transport.redis;

import io.clamator.internal.AsyncResults;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.EnvelopeCodec;
import io.clamator.server.RpcDispatcher;
import io.clamator.server.ServiceDefinition;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one service from its command stream. A blocking {@code XREADGROUP} on a connection of
 * its own is issued again from the completion of the last one; the entries read are handed to
 * the handler executor in stream order, at most {@code concurrency} handlers at a time. Every
 * reclaim interval, {@code XAUTOCLAIM} takes over entries left unacknowledged too long.
 *
 * <p>Each entry is acknowledged only once its handler finished and its reply was written. A
 * handler's slot is freed as soon as its reply is handed to Redis, so with concurrency 1 the
 * next handler runs while the previous reply is on its way; replies still go out in order. A
 * handler thread that frees its slot while entries are waiting goes on with the next one
 * itself instead of handing it to another thread.
 */
final class ServiceConsumer {

    private static final Logger log = LoggerFactory.getLogger(ServiceConsumer.class);
    private static final String CLAIM_DONE = "0-0";
    private static final int CLAIM_COUNT = 32;
    /** {@code XGROUP CREATE ... MKSTREAM}: the stream is created with the group if it does not exist. */
    private static final XGroupCreateArgs CREATE_WITH_STREAM = new XGroupCreateArgs().mkstream(true);
    /** The consumer whose entries the current thread is running, if it is a handler thread. */
    private static final ThreadLocal<ServiceConsumer> RUNNING_ENTRIES = new ThreadLocal<>();

    private final ServiceDefinition service;
    private final RedisServerSettings settings;
    private final StatefulRedisConnection<String, byte[]> readConnection;
    private final RedisAsyncCommands<String, byte[]> reader;
    private final RedisAsyncCommands<String, byte[]> commands;
    private final ReplyWriter writer;
    private final RpcDispatcher dispatcher;
    private final EnvelopeCodec codec;
    private final Executor executor;
    private final String stream;
    private final String group;
    private final Consumer<String> consumer;
    private final String replyPrefix;
    private final XReadArgs readArgs;
    private final Backoff backoff;

    /** Guarded by {@code this}: entries read but not yet handed to a handler, in stream order. */
    private final ArrayDeque<StreamMessage<String, byte[]>> queue = new ArrayDeque<>();
    /** Guarded by {@code this}: entries handed to a handler and not yet acknowledged. */
    private final Set<String> inFlight = new HashSet<>();
    /** Guarded by {@code this}. */
    private int freeSlots;
    /** Guarded by {@code this}: an {@code XREADGROUP} is waiting for its answer. */
    private boolean reading;
    /** Guarded by {@code this}: an {@code XAUTOCLAIM} pass is under way. */
    private boolean reclaiming;

    private Long readerClientId;
    private ScheduledFuture<?> reclaimTimer;
    private volatile boolean running;
    private volatile boolean abandoned;

    ServiceConsumer(ServiceDefinition service, RedisServerSettings settings, StatefulRedisConnection<String, byte[]> readConnection,
                    RedisAsyncCommands<String, byte[]> commands, RpcDispatcher dispatcher, EnvelopeCodec codec, Executor executor) {
        this.service = service;
        this.settings = settings;
        this.readConnection = readConnection;
        this.reader = readConnection.async();
        this.commands = commands;
        this.dispatcher = dispatcher;
        this.codec = codec;
        this.executor = executor;
        this.stream = StreamKeys.commands(settings.keyPrefix(), service.name());
        this.group = service.name();
        this.writer = new ReplyWriter(commands, stream, group, settings.replyStreamMaxLen());
        this.consumer = Consumer.from(group, StreamKeys.consumer(service.name(), settings.instanceId()));
        this.replyPrefix = StreamKeys.repliesPrefix(settings.keyPrefix());
        this.readArgs = XReadArgs.Builder.block(settings.blockTime()).count(settings.batchSize());
        this.freeSlots = settings.concurrencyOf(service.name());
        this.backoff = new Backoff(log, "consumer loop of service " + service.name());
    }

    /** {@code XGROUP CREATE <stream> <service> $ MKSTREAM}; an existing group is kept as it is. */
    void ensureGroup() {
        try {
            readConnection.sync().xgroupCreate(XReadArgs.StreamOffset.latest(stream), group, CREATE_WITH_STREAM);
        } catch (RedisBusyException e) {
            // BUSYGROUP: the group exists and keeps its position
        }
    }

    void start() {
        try {
            readerClientId = readConnection.sync().clientId();
        } catch (RuntimeException e) {
            log.debug("service {}: CLIENT ID not available; stopping waits for the blocking read to time out", service.name(), e);
        }
        running = true;
        long interval = settings.reclaimInterval().toMillis();
        reclaimTimer = RedisTimer.every(interval, this::reclaim);
        readNext();
    }

    /**
     * Stops reading; entries already read but not yet started stay pending for reclaim.
     *
     * @param unblocker ends a blocked {@code XREADGROUP} at once, as if it had timed out empty
     *                  ({@code CLIENT UNBLOCK <id> TIMEOUT} on another connection)
     */
    void stopReading(LongConsumer unblocker) {
        running = false;
        reclaimTimer.cancel(false);
        if (readerClientId != null) {
            unblocker.accept(readerClientId);
        }
    }

    /**
     * Waits until no read is pending and every handler has finished and had its reply written.
     *
     * @return whether that happened before the deadline
     */
    synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (reading || reclaiming || !inFlight.isEmpty()) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return true;
    }

    /** After the grace period: replies of handlers still running are not written; their entries stay pending. */
    synchronized void abandonInFlight() {
        abandoned = true;
        if (!inFlight.isEmpty()) {
            log.warn("service {}: {} handler(s) still running after the shutdown grace period; their entries stay pending and will be reclaimed: {}",
                    service.name(), inFlight.size(), inFlight);
        }
    }

    void closeConnection() {
        readConnection.close();
    }

    /** Issues the next {@code XREADGROUP} unless one is pending, entries are waiting, or no handler slot is free. */
    private void readNext() {
        synchronized (this) {
            if (!running || reading || !queue.isEmpty() || freeSlots == 0) {
                return;
            }
            reading = true;
        }
        reader.xreadgroup(consumer, readArgs, XReadArgs.StreamOffset.lastConsumed(stream)).whenComplete(this::onRead);
    }

    private void onRead(List<StreamMessage<String, byte[]>> entries, Throwable error) {
        synchronized (this) {
            reading = false;
            if (error == null) {
                queue.addAll(entries);
            }
            notifyAll();
        }
        if (error != null) {
            retryAfter(error);
            return;
        }
        backoff.onSuccess();
        dispatchQueued();
        readNext();
    }

    private void retryAfter(Throwable error) {
        if (!running) {
            return;
        }
        Throwable cause = AsyncResults.unwrap(error);
        if (cause instanceof RedisCommandExecutionException && cause.getMessage() != null && cause.getMessage().startsWith("NOGROUP")) {
            log.warn("service {}: the consumer group is gone from {} (Redis restarted without persistence?); creating it again", service.name(), stream);
            commands.xgroupCreate(XReadArgs.StreamOffset.latest(stream), group, CREATE_WITH_STREAM)
                    .whenComplete((created, failure) -> {
                        if (failure == null || AsyncResults.unwrap(failure) instanceof RedisBusyException) {
                            readNext();
                        } else {
                            retryAfter(failure);
                        }
                    });
            return;
        }
        RedisTimer.after(backoff.onFailure(cause), this::readNext);
    }

    /** Hands queued entries to handlers while slots are free. */
    private void dispatchQueued() {
        while (true) {
            StreamMessage<String, byte[]> entry = takeQueued();
            if (entry == null) {
                return;
            }
            try {
                executor.execute(() -> runFrom(entry));
            } catch (RejectedExecutionException e) {
                log.error("service {}: the handler executor rejected entry {}; it stays pending and will be redelivered", service.name(), entry.getId(), e);
                slotFreed();
                acknowledged(entry, null);
                return;
            }
        }
    }

    /**
     * Runs on the handler executor: the entry, then, as long as its freed slot finds entries
     * waiting, those too.
     */
    private void runFrom(StreamMessage<String, byte[]> first) {
        ServiceConsumer outer = RUNNING_ENTRIES.get();
        RUNNING_ENTRIES.set(this);
        try {
            for (StreamMessage<String, byte[]> entry = first; entry != null; entry = takeQueued()) {
                process(entry);
            }
        } finally {
            RUNNING_ENTRIES.set(outer);
        }
    }

    /** The next waiting entry, with a slot taken for it, if a slot is free. */
    private synchronized StreamMessage<String, byte[]> takeQueued() {
        if (!running || freeSlots == 0 || queue.isEmpty()) {
            return null;
        }
        StreamMessage<String, byte[]> entry = queue.poll();
        freeSlots--;
        inFlight.add(entry.getId());
        return entry;
    }

    private void process(StreamMessage<String, byte[]> entry) {
        CompletionStage<Void> written;
        try {
            written = handle(entry);
        } catch (RuntimeException | Error e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.whenComplete((done, error) -> acknowledged(entry, error));
    }

    /**
     * Handles an entry; the returned stage completes once its reply and acknowledgement are
     * written. The handler slot is freed as soon as the write has been handed to Redis.
     */
    private CompletionStage<Void> handle(StreamMessage<String, byte[]> entry) {
        byte[] envelope = entry.getBody().get(StreamKeys.ENVELOPE);
        if (envelope == null) {
            return afterWriting(writer.ack(entry.getId()));
        }
        if (envelope.length > settings.maxPayloadBytes()) {
            return afterWriting(rejectPoison(entry, "envelope of " + envelope.length + " bytes exceeds the maximum of " + settings.maxPayloadBytes()));
        }
        Envelope.Call call;
        try {
            Envelope parsed = codec.parse(envelope);
            if (!(parsed instanceof Envelope.Call received)) {
                return afterWriting(rejectPoison(entry, "a response where a request or notification was expected"));
            }
            call = received;
        } catch (ClamatorProtocolException e) {
            return afterWriting(rejectPoison(entry, e.getMessage()));
        }
        String replyTo = replyTo(entry);
        CompletableFuture<Void> written = new CompletableFuture<>();
        dispatcher.dispatch(service, call).whenComplete((response, failure) -> {
            CompletionStage<Void> write;
            if (failure != null) {
                write = CompletableFuture.failedFuture(failure);
            } else if (abandoned) {
                write = CompletableFuture.completedFuture(null);
            } else if (response == null || replyTo == null) {
                write = writer.ack(entry.getId());
            } else {
                write = writer.replyAndAck(replyTo, entry.getId(), codec.encodeToBytes(response))
                        .exceptionallyCompose(error -> ackUnanswerable(entry, replyTo, error));
            }
            afterWriting(write).whenComplete((done, error) -> {
                if (error != null) {
                    written.completeExceptionally(error);
                } else {
                    written.complete(null);
                }
            });
        });
        return written;
    }

    /** The write has been handed to Redis (so later writes queue behind it): the handler's slot is free. */
    private CompletionStage<Void> afterWriting(CompletionStage<Void> write) {
        slotFreed();
        return write;
    }

    /** A slot freed on a thread running this consumer's entries goes to that thread's next entry. */
    private void slotFreed() {
        synchronized (this) {
            freeSlots++;
        }
        if (RUNNING_ENTRIES.get() != this) {
            dispatchQueued();
        }
        readNext();
    }

    private void acknowledged(StreamMessage<String, byte[]> entry, Throwable error) {
        if (error != null) {
            log.error("service {}: entry {} was not acknowledged; it stays pending and will be redelivered", service.name(), entry.getId(), error);
        }
        synchronized (this) {
            inFlight.remove(entry.getId());
            notifyAll();
        }
    }

    /** Claims entries left unacknowledged longer than the claim idle time, following the cursor to the end. */
    private void reclaim() {
        synchronized (this) {
            if (!running || reclaiming) {
                return;
            }
            reclaiming = true;
        }
        claimFrom(CLAIM_DONE, 0);
    }

    private void claimFrom(String cursor, int reclaimedSoFar) {
        commands.xautoclaim(stream, XAutoClaimArgs.Builder.xautoclaim(consumer, settings.claimIdle(), cursor).count(CLAIM_COUNT))
                .whenComplete((claimed, error) -> {
                    if (error != null) {
                        log.debug("service {}: XAUTOCLAIM failed; trying again next interval", service.name(), error);
                        reclaimDone(reclaimedSoFar);
                        return;
                    }
                    int reclaimed = reclaimedSoFar + enqueueClaimed(claimed);
                    dispatchQueued();
                    if (running && !CLAIM_DONE.equals(claimed.getId())) {
                        claimFrom(claimed.getId(), reclaimed);
                    } else {
                        reclaimDone(reclaimed);
                    }
                });
    }

    private synchronized int enqueueClaimed(ClaimedMessages<String, byte[]> claimed) {
        int added = 0;
        for (StreamMessage<String, byte[]> entry : claimed.getMessages()) {
            String id = entry.getId();
            if (!inFlight.contains(id) && queue.stream().noneMatch(queued -> queued.getId().equals(id))) {
                queue.add(entry);
                added++;
            }
        }
        return added;
    }

    private void reclaimDone(int reclaimed) {
        synchronized (this) {
            reclaiming = false;
            notifyAll();
        }
        if (reclaimed > 0) {
            log.info("service {}: reclaimed {} entries left unacknowledged for over {} ms", service.name(), reclaimed, settings.claimIdle().toMillis());
        }
    }

    /** The entry's reply stream, if it names one under this backend's key prefix. */
    private String replyTo(StreamMessage<String, byte[]> entry) {
        byte[] value = entry.getBody().get(StreamKeys.REPLY_TO);
        if (value == null || value.length == 0) {
            return null;
        }
        String replyTo = new String(value, StandardCharsets.UTF_8);
        if (!replyTo.startsWith(replyPrefix)) {
            log.warn("service {}: entry {} names reply stream \"{}\" outside {}*; no reply is written",
                    service.name(), entry.getId(), replyTo, replyPrefix);
            return null;
        }
        return replyTo;
    }

    /**
     * A reply Redis refuses for good (say the key holds another type) would fail again on every
     * redelivery: the entry is acknowledged without a reply. Out of memory, or a lost connection,
     * leaves it pending for redelivery.
     */
    private CompletionStage<Void> ackUnanswerable(StreamMessage<String, byte[]> entry, String replyTo, Throwable error) {
        Throwable cause = AsyncResults.unwrap(error);
        if (!(cause instanceof ReplyWriter.ReplyRefusedException refused) || refused.isPassing()) {
            return CompletableFuture.failedFuture(cause);
        }
        log.warn("service {}: the reply to entry {} could not be written to {} ({}); the entry is acknowledged without a reply",
                service.name(), entry.getId(), replyTo, cause.getMessage());
        return writer.ack(entry.getId());
    }

    private CompletionStage<Void> rejectPoison(StreamMessage<String, byte[]> entry, String reason) {
        log.warn("redis poison envelope: service={} entry={}: {}", service.name(), entry.getId(), reason);
        return writer.ack(entry.getId());
    }
}
