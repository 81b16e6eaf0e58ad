package io.clamator.transport.redis;

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
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one service from its command stream: a reader thread with its own connection runs
 * {@code XREADGROUP} (and, every reclaim interval, {@code XAUTOCLAIM}) and hands entries to the
 * handler executor, at most {@code concurrency} at a time, in stream order. Each entry is
 * acknowledged only after its handler finished and its reply was written.
 */
final class ServiceConsumer {

    private static final Logger log = LoggerFactory.getLogger(ServiceConsumer.class);
    private static final String CLAIM_DONE = "0-0";
    private static final int CLAIM_COUNT = 32;

    private final ServiceDefinition service;
    private final RedisServerSettings settings;
    private final StatefulRedisConnection<String, byte[]> readConnection;
    private final RedisCommands<String, byte[]> reader;
    private final ReplyWriter writer;
    private final RpcDispatcher dispatcher;
    private final EnvelopeCodec codec;
    private final Executor executor;
    private final String stream;
    private final String group;
    private final Consumer<String> consumer;
    private final String replyPrefix;
    private final int concurrency;
    private final Semaphore slots;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Backoff backoff;
    private final Thread thread;
    private Long readerClientId;
    private volatile boolean running;
    private volatile boolean abandoned;

    ServiceConsumer(ServiceDefinition service, RedisServerSettings settings, StatefulRedisConnection<String, byte[]> readConnection,
                    ReplyWriter writer, RpcDispatcher dispatcher, EnvelopeCodec codec, Executor executor) {
        this.service = service;
        this.settings = settings;
        this.readConnection = readConnection;
        this.reader = readConnection.sync();
        this.writer = writer;
        this.dispatcher = dispatcher;
        this.codec = codec;
        this.executor = executor;
        this.stream = StreamKeys.commands(settings.keyPrefix(), service.name());
        this.group = service.name();
        this.consumer = Consumer.from(group, StreamKeys.consumer(service.name(), settings.instanceId()));
        this.replyPrefix = StreamKeys.repliesPrefix(settings.keyPrefix());
        this.concurrency = settings.concurrencyOf(service.name());
        this.slots = new Semaphore(concurrency);
        this.backoff = new Backoff(log, "consumer loop of service " + service.name());
        // not a daemon: like any server, a started one keeps the JVM alive until it is stopped
        this.thread = new Thread(this::run, "clamator-consumer-" + service.name());
    }

    /** {@code XGROUP CREATE <stream> <service> $ MKSTREAM}; an existing group is kept as it is. */
    void ensureGroup() {
        try {
            reader.xgroupCreate(XReadArgs.StreamOffset.latest(stream), group, new XGroupCreateArgs().mkstream(true));
        } catch (RedisBusyException e) {
            // BUSYGROUP: the group exists and keeps its position
        }
    }

    void start() {
        try {
            readerClientId = reader.clientId();
        } catch (RuntimeException e) {
            log.debug("service {}: CLIENT ID not available; stopping waits for the blocking read to time out", service.name(), e);
        }
        running = true;
        thread.start();
    }

    /**
     * Stops reading; entries already read but not yet started stay pending for reclaim.
     *
     * @param unblocker ends a blocked {@code XREADGROUP} at once, as if it had timed out empty
     *                  ({@code CLIENT UNBLOCK <id> TIMEOUT} on another connection)
     */
    void stopReading(java.util.function.LongConsumer unblocker) {
        running = false;
        if (readerClientId != null) {
            unblocker.accept(readerClientId);
        }
    }

    /**
     * Waits for the reader to leave and the in-flight handlers to finish.
     *
     * @return whether everything finished before the deadline
     */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        long remaining = deadlineNanos - System.nanoTime();
        if (!slots.tryAcquire(concurrency, Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
            return false;
        }
        slots.release(concurrency);
        return !thread.isAlive();
    }

    /** After the grace period: replies of handlers still running are not written; their entries stay pending. */
    void abandonInFlight() {
        abandoned = true;
        if (!inFlight.isEmpty()) {
            log.warn("service {}: {} handler(s) still running after the shutdown grace period; their entries stay pending and will be reclaimed: {}",
                    service.name(), inFlight.size(), inFlight);
        }
    }

    void closeConnection() {
        readConnection.close();
    }

    private void run() {
        long nextReclaim = System.nanoTime() + settings.reclaimInterval().toNanos();
        XReadArgs readArgs = XReadArgs.Builder.block(settings.blockTime()).count(settings.batchSize());
        XReadArgs.StreamOffset<String> offset = XReadArgs.StreamOffset.lastConsumed(stream);
        while (running) {
            try {
                if (System.nanoTime() - nextReclaim >= 0) {
                    reclaim();
                    nextReclaim = System.nanoTime() + settings.reclaimInterval().toNanos();
                }
                List<StreamMessage<String, byte[]>> entries = reader.xreadgroup(consumer, readArgs, offset);
                backoff.onSuccess();
                for (StreamMessage<String, byte[]> entry : entries) {
                    if (!running || !submit(entry)) {
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RedisCommandExecutionException e) {
                if (isMissingGroup(e)) {
                    recreateGroup();
                } else if (running) {
                    pause(backoff.onFailure(e));
                }
            } catch (RuntimeException e) {
                if (running) {
                    pause(backoff.onFailure(e));
                }
            }
        }
    }

    /** Claims entries left unacknowledged longer than the claim idle time, following the cursor to the end. */
    private void reclaim() throws InterruptedException {
        String cursor = CLAIM_DONE;
        int reclaimed = 0;
        do {
            ClaimedMessages<String, byte[]> claimed = reader.xautoclaim(stream,
                    XAutoClaimArgs.Builder.xautoclaim(consumer, settings.claimIdle(), cursor).count(CLAIM_COUNT));
            for (StreamMessage<String, byte[]> entry : claimed.getMessages()) {
                if (!inFlight.contains(entry.getId())) {
                    if (!running || !submit(entry)) {
                        return;
                    }
                    reclaimed++;
                }
            }
            cursor = claimed.getId();
        } while (running && !CLAIM_DONE.equals(cursor));
        if (reclaimed > 0) {
            log.info("service {}: reclaimed {} entries left unacknowledged for over {} ms", service.name(), reclaimed, settings.claimIdle().toMillis());
        }
    }

    /** Waits for a free handler slot, then runs the entry on the executor. */
    private boolean submit(StreamMessage<String, byte[]> entry) throws InterruptedException {
        while (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (!running) {
                return false;
            }
        }
        inFlight.add(entry.getId());
        try {
            executor.execute(() -> processSafely(entry).whenComplete((done, error) -> finished(entry, error)));
        } catch (RejectedExecutionException e) {
            finished(entry, e);
            return false;
        }
        return true;
    }

    private void finished(StreamMessage<String, byte[]> entry, Throwable error) {
        if (error != null) {
            log.error("service {}: entry {} was not acknowledged; it stays pending and will be redelivered", service.name(), entry.getId(), error);
        }
        inFlight.remove(entry.getId());
        slots.release();
    }

    private CompletionStage<Void> processSafely(StreamMessage<String, byte[]> entry) {
        try {
            return process(entry);
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Void> process(StreamMessage<String, byte[]> entry) {
        byte[] envelope = entry.getBody().get(StreamKeys.ENVELOPE);
        if (envelope == null) {
            return writer.ack(stream, group, entry.getId());
        }
        if (envelope.length > settings.maxPayloadBytes()) {
            return rejectPoison(entry, "envelope of " + envelope.length + " bytes exceeds the maximum of " + settings.maxPayloadBytes());
        }
        Envelope.Call call;
        try {
            Envelope parsed = codec.parse(envelope);
            if (!(parsed instanceof Envelope.Call received)) {
                return rejectPoison(entry, "a response where a request or notification was expected");
            }
            call = received;
        } catch (ClamatorProtocolException e) {
            return rejectPoison(entry, e.getMessage());
        }
        String replyTo = replyTo(entry);
        return dispatcher.dispatch(service, call).thenCompose(response -> {
            if (abandoned) {
                return CompletableFuture.completedFuture(null);
            }
            if (response == null || replyTo == null) {
                return writer.ack(stream, group, entry.getId());
            }
            return writer.replyAndAck(replyTo, stream, group, entry.getId(), codec.encodeToBytes(response))
                    .exceptionallyCompose(error -> ackUnanswerable(entry, replyTo, error));
        });
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
     * A reply Redis refused (not a lost connection, say the key holds another type) would fail
     * again on every redelivery: the entry is acknowledged without a reply.
     */
    private CompletionStage<Void> ackUnanswerable(StreamMessage<String, byte[]> entry, String replyTo, Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!(cause instanceof RedisCommandExecutionException)) {
            return CompletableFuture.failedFuture(cause);
        }
        log.warn("service {}: the reply to entry {} could not be written to {} ({}); the entry is acknowledged without a reply",
                service.name(), entry.getId(), replyTo, cause.getMessage());
        return writer.ack(stream, group, entry.getId());
    }

    private CompletionStage<Void> rejectPoison(StreamMessage<String, byte[]> entry, String reason) {
        log.warn("redis poison envelope: service={} entry={}: {}", service.name(), entry.getId(), reason);
        return writer.ack(stream, group, entry.getId());
    }

    private void recreateGroup() {
        log.warn("service {}: the consumer group is gone from {} (Redis restarted without persistence?); creating it again", service.name(), stream);
        try {
            ensureGroup();
        } catch (RuntimeException e) {
            pause(backoff.onFailure(e));
        }
    }

    private static boolean isMissingGroup(RedisCommandExecutionException e) {
        return e.getMessage() != null && e.getMessage().startsWith("NOGROUP");
    }

    private void pause(long millis) {
        if (!Backoff.pause(millis, () -> running)) {
            running = false;
        }
    }
}
