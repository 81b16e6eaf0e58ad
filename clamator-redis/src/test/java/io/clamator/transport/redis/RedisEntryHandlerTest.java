package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.clamator.json.ClamatorJson;
import io.clamator.metrics.ClamatorMeters;
import io.clamator.metrics.ClamatorMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.clamator.protocol.EnvelopeCodec;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import io.clamator.testing.LogCapture;
import io.clamator.testing.ManualTimer;
import io.clamator.transport.spi.CallDecoder;
import io.clamator.transport.spi.EntryScheduler;
import io.clamator.transport.spi.RpcDispatcher;
import io.clamator.transport.spi.TimeLimitedDispatch;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handling rules of one stream entry, against a reply writer that records what it is asked to write. */
class RedisEntryHandlerTest {

    private static final String REPLY_STREAM = "shop:replies:caller";

    private final AtomicInteger handled = new AtomicInteger();
    private final List<String> pings = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Sum> later = new CompletableFuture<>();
    private final ServiceDefinition arith = ServiceDefinition.builder("arith")
            .request("add", Pair.class, Sum.class, pair -> {
                handled.incrementAndGet();
                return new Sum(pair.a() + pair.b());
            })
            .requestAsync("later", Pair.class, Sum.class, pair -> later)
            .notification("ping", Ping.class, ping -> pings.add(ping.tag()))
            .build();
    private final RecordingWriter writer = new RecordingWriter();
    private final AtomicLong redisNow = new AtomicLong(10_000);
    private final EnvelopeCodec codec = new EnvelopeCodec(ClamatorJson.defaults().mapper());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ManualTimer timer = new ManualTimer();
    private final AtomicLong nanos = new AtomicLong();
    private final CallDeadlines deadlines = new CallDeadlines(redisNow::get, () -> true);
    private final ReplyRetries retries = new ReplyRetries("arith", timer, deadlines, Duration.ofSeconds(60), nanos::get);
    private final RedisEntryHandler handler = new RedisEntryHandler(arith, "shop", new CallDecoder(codec, 256),
            new TimeLimitedDispatch(new RpcDispatcher(ServerOptions.defaults()), ServerOptions.defaults(), new ManualTimer(), "shop"), codec,
            writer, deadlines, retries, ClamatorMetrics.of(meters).service("shop", "arith"));

    record Pair(int a, int b) {
    }

    record Sum(int sum) {
    }

    record Ping(String tag) {
    }
    private final TestRun run = new TestRun();
    private final LogCapture logs = LogCapture.of(RedisEntryHandler.class);

    @AfterEach
    void closeLogs() {
        logs.close();
    }

    private static StreamMessage<String, byte[]> entry(String envelope, String replyTo) {
        Map<String, byte[]> body = new LinkedHashMap<>();
        body.put("type", utf8("rpc"));
        if (envelope != null) {
            body.put("envelope", utf8(envelope));
        }
        if (replyTo != null) {
            body.put("reply-to", utf8(replyTo));
        }
        return new StreamMessage<>("shop:cmds:arith", "1-0", body);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String add(String id) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":2,\"b\":3},\"id\":\"" + id + "\"}";
    }

    private CompletableFuture<?> handle(StreamMessage<String, byte[]> entry) {
        return handler.handle(entry, run).toCompletableFuture();
    }

    @Test
    void aRequestIsAnsweredOnItsReplyStreamThenAcknowledgedAndItsSlotReleased() {
        CompletableFuture<?> done = handle(entry(add("a"), REPLY_STREAM));
        assertThat(writer.writes).containsExactly("reply 1-0 to " + REPLY_STREAM + ": {\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{\"sum\":5}}");
        assertThat(run.released).isTrue();
        assertThat(done).isNotDone();
        writer.complete(0);
        assertThat(done).isCompleted();
    }

    @Test
    void aNotificationIsOnlyAcknowledged() {
        handle(entry("{\"jsonrpc\":\"2.0\",\"method\":\"arith.ping\",\"params\":{\"tag\":\"x\"}}", REPLY_STREAM));
        assertThat(writer.writes).containsExactly("ack 1-0");
        assertThat(pings).containsExactly("x");
        assertThat(run.released).isTrue();
    }

    private static StreamMessage<String, byte[]> withTimeout(StreamMessage<String, byte[]> entry, String id, String timeoutMs) {
        Map<String, byte[]> body = new LinkedHashMap<>(entry.getBody());
        body.put("timeout-ms", utf8(timeoutMs));
        return new StreamMessage<>(entry.getStream(), id, body);
    }

    @Test
    void aCallWhoseCallerStoppedWaitingIsAcknowledgedWithoutRunning() {
        redisNow.set(10_000);
        handle(withTimeout(entry(add("late"), REPLY_STREAM), "4000-0", "3000"));
        assertThat(writer.writes).containsExactly("ack 4000-0");
        assertThat(handled).hasValue(0);
        assertThat(run.released).isTrue();
        assertThat(logs.at(Level.INFO)).extracting(event -> event.getFormattedMessage()).containsExactly(
                "service arith: call arith.add id=\"late\" (entry 4000-0) not run: its caller stopped waiting 3000 ms before it could start");
    }

    @Test
    void aCallWithinItsDeadlineOrWithoutOneRuns() {
        redisNow.set(10_000);
        handle(withTimeout(entry(add("in-time"), REPLY_STREAM), "9000-0", "3000"));
        handle(withTimeout(entry(add("at-the-edge"), REPLY_STREAM), "7000-3", "3000"));
        handle(entry(add("python"), REPLY_STREAM));
        handle(withTimeout(entry(add("garbled"), REPLY_STREAM), "1-0", "soon"));
        assertThat(handled).hasValue(4);
    }

    @Test
    void poisonIsAcknowledgedLoggedAndNeverDispatched() {
        handle(entry(null, REPLY_STREAM));
        handle(entry("not json", REPLY_STREAM));
        handle(entry("{\"jsonrpc\":\"2.0\",\"id\":\"r\",\"result\":1}", REPLY_STREAM));
        assertThat(writer.writes).containsExactly("ack 1-0", "ack 1-0", "ack 1-0");
        assertThat(handled).hasValue(0);
        assertThat(logs.at(Level.WARN)).extracting(event -> event.getFormattedMessage()).satisfiesExactly(
                message -> assertThat(message).isEqualTo("redis poison envelope: service=arith entry=1-0: no envelope field"),
                message -> assertThat(message).startsWith("redis poison envelope: service=arith entry=1-0: -32700 Parse error"),
                message -> assertThat(message).endsWith("a response where a request or notification was expected"));
        assertThat(run.released).isTrue();
        assertThat(meters.get(ClamatorMeters.ENTRIES_POISON).tag(ClamatorMeters.SERVICE, "arith").counter().count()).isEqualTo(3);
    }

    @Test
    void aRequestTooLargeToReadIsAnsweredByItsIdAloneAndANotificationIsDropped() {
        String big = "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"pad\":\"" + "x".repeat(300) + "\"},\"id\":\"b\"}";
        handle(entry(big, REPLY_STREAM));
        handle(entry("{\"jsonrpc\":\"2.0\",\"method\":\"arith.ping\",\"params\":{\"tag\":\"" + "x".repeat(300) + "\"}}", REPLY_STREAM));
        assertThat(writer.writes).containsExactly("reply 1-0 to " + REPLY_STREAM + ": {\"jsonrpc\":\"2.0\",\"id\":\"b\",\"error\":{\"code\":-32600,"
                + "\"message\":\"Invalid Request\",\"data\":{\"reason\":\"envelope of " + big.length() + " bytes exceeds the maximum of 256\","
                + "\"bytes\":" + big.length() + ",\"maxBytes\":256}}}", "ack 1-0");
        assertThat(handled).hasValue(0);
        assertThat(pings).isEmpty();
        assertThat(logs.at(Level.WARN)).hasSize(2).allSatisfy(event -> assertThat(event.getFormattedMessage()).contains("exceeds the maximum of 256"));
    }

    @Test
    void aReplyStreamOutsideTheKeyPrefixIsNotWrittenToButTheCallRuns() {
        handle(entry(add("a"), "elsewhere:replies:x"));
        assertThat(writer.writes).containsExactly("ack 1-0");
        assertThat(handled).hasValue(1);
        assertThat(logs.messages()).anySatisfy(message -> assertThat(message).contains("outside shop:replies:*"));
    }

    @Test
    void aReplyRefusedForGoodIsGivenUpAndTheEntryAcknowledged() {
        writer.refuseNext("WRONGTYPE Operation against a key holding the wrong kind of value");
        CompletableFuture<?> done = handle(entry(add("a"), REPLY_STREAM));
        assertThat(writer.writes).containsExactly("reply 1-0 to " + REPLY_STREAM + ": {\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{\"sum\":5}}",
                "ack 1-0");
        writer.complete(1);
        assertThat(done).isCompleted();
        assertThat(logs.messages()).anySatisfy(message -> assertThat(message).contains("acknowledged without a reply"));
        assertThat(meters.get(ClamatorMeters.REPLY_FAILURES).counter().count()).isEqualTo(1);
    }

    @Test
    void aReplyRefusedForLackOfMemoryIsWrittenAgainAfterAPause() {
        writer.refuseNext("OOM command not allowed when used memory > 'maxmemory'.");
        CompletableFuture<?> done = handle(entry(add("a"), REPLY_STREAM));
        assertThat(writer.writes).hasSize(1);
        assertThat(done).as("the entry stays held meanwhile").isNotDone();
        assertThat(timer.pendingDelays()).containsExactly(Duration.ofMillis(100));
        timer.runPending();
        assertThat(writer.writes).hasSize(2).allSatisfy(write -> assertThat(write).startsWith("reply 1-0 to " + REPLY_STREAM));
        writer.complete(1);
        assertThat(done).isCompleted();
        assertThat(logs.at(Level.ERROR)).isEmpty();
        assertThat(meters.get(ClamatorMeters.REPLY_FAILURES).counter().count()).as("each failed write").isEqualTo(1);
        assertThat(meters.get(ClamatorMeters.ENTRIES_POISON).counter().count()).isZero();
    }

    @Test
    void writesAreRetriedWithLongerPausesUntilTheCallerStopsWaitingThenTheEntryStaysPending() {
        StreamMessage<String, byte[]> entry = withTimeout(entry(add("a"), REPLY_STREAM), "10000-0", "5000"); // waited for until 15000
        CompletableFuture<?> done = handle(entry);
        List<Duration> pauses = new ArrayList<>();
        for (int attempt = 0; attempt < 6; attempt++) {
            writer.pending.get(attempt).completeExceptionally(new RedisCommandTimeoutException("Command timed out after 10 second(s)"));
            pauses.addAll(timer.pendingDelays());
            timer.runPending();
        }
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        redisNow.set(15_001);
        writer.pending.get(6).completeExceptionally(new RedisCommandTimeoutException("Command timed out after 10 second(s)"));
        assertThat(timer.pendingDelays()).as("its caller no longer waits").isEmpty();
        assertThat(done).isCompletedExceptionally();
        assertThat(writer.writes).hasSize(7);
    }

    @Test
    void aReplyWrittenWhoseAcknowledgementFailedIsOnlyAcknowledgedAgain() {
        CompletableFuture<?> done = handle(entry(add("a"), REPLY_STREAM));
        writer.pending.get(0).completeExceptionally(new ReplyWriter.UnacknowledgedReplyException(new RedisException("Connection disconnected")));
        timer.runPending();
        assertThat(writer.writes).hasSize(2).last().isEqualTo("ack 1-0");
        writer.complete(1);
        assertThat(done).isCompleted();
        assertThat(meters.get(ClamatorMeters.REPLY_FAILURES).counter().count()).as("the reply was written").isZero();
    }

    @Test
    void aStoppedServerDoesNotWriteAgain() {
        CompletableFuture<?> done = handle(entry(add("a"), REPLY_STREAM));
        retries.stop();
        writer.pending.get(0).completeExceptionally(new RedisCommandTimeoutException("Command timed out after 10 second(s)"));
        assertThat(timer.pendingDelays()).isEmpty();
        assertThat(done).isCompletedExceptionally();
    }

    @Test
    void aConsumerGroupGoneWithItsEntryIsNotWrittenToAgain() {
        CompletableFuture<?> done = handle(entry("{\"jsonrpc\":\"2.0\",\"method\":\"arith.ping\",\"params\":{\"tag\":\"x\"}}", null));
        writer.pending.get(0).completeExceptionally(new RedisCommandExecutionException("NOGROUP No such key 'shop:cmds:arith' or consumer group 'arith'"));
        assertThat(timer.pendingDelays()).isEmpty();
        assertThat(done).isCompletedExceptionally();
    }

    @Test
    void aReplyRedisDidNotAnswerInTimeIsReportedAsMaybeWritten() {
        CompletableFuture<?> done = handle(entry(add("a"), REPLY_STREAM));
        retries.stop();
        writer.pending.get(0).completeExceptionally(new RedisCommandTimeoutException("Command timed out after 10 second(s)"));
        assertThat(done).isCompletedExceptionally();
        assertThat(logs.at(Level.ERROR)).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .contains("Redis did not answer the acknowledgement of entry 1-0 in time; unless it runs it"));
    }

    @Test
    void afterTheServerAbandonedItsHandlersNothingIsWritten() {
        run.abandoned = true;
        CompletableFuture<?> done = handle(entry(add("a"), REPLY_STREAM));
        assertThat(writer.writes).isEmpty();
        assertThat(done).isCompleted();
        assertThat(run.released).isTrue();
    }

    @Test
    void theSlotIsReleasedOnceAnAsynchronousHandlersReplyIsHandedOver() {
        CompletableFuture<?> done = handle(entry("{\"jsonrpc\":\"2.0\",\"method\":\"arith.later\",\"params\":{\"a\":1,\"b\":2},"
                + "\"id\":\"s\"}", REPLY_STREAM));
        assertThat(run.released).as("the handler has not answered yet").isFalse();
        assertThat(writer.writes).isEmpty();
        later.complete(new Sum(3));
        assertThat(writer.writes).hasSize(1);
        assertThat(run.released).isTrue();
        writer.complete(0);
        assertThat(done).succeedsWithin(Duration.ofSeconds(5));
    }

    /** What a scheduler's run reports to the handler. */
    private static final class TestRun implements EntryScheduler.Run {

        volatile boolean released;
        volatile boolean abandoned;

        @Override
        public void releaseSlot() {
            released = true;
        }

        @Override
        public boolean isAbandoned() {
            return abandoned;
        }

        @Override
        public void interrupt() {
        }
    }

    /** Records writes; a write completes when the test says so, or fails at once when refused. */
    private static final class RecordingWriter implements ReplyWriter {

        final List<String> writes = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<CompletableFuture<Void>> pending = java.util.Collections.synchronizedList(new ArrayList<>());
        private String refusal;

        void refuseNext(String redisError) {
            refusal = redisError;
        }

        void complete(int write) {
            pending.get(write).complete(null);
        }

        @Override
        public CompletionStage<Void> replyAndAck(String replyTo, String entryId, byte[] envelope) {
            writes.add("reply " + entryId + " to " + replyTo + ": " + new String(envelope, StandardCharsets.UTF_8));
            if (refusal != null) {
                String error = refusal;
                refusal = null;
                pending.add(CompletableFuture.failedFuture(new ReplyRefusedException(error)));
                return pending.get(pending.size() - 1);
            }
            return record();
        }

        @Override
        public CompletionStage<Void> ack(String entryId) {
            writes.add("ack " + entryId);
            return record();
        }

        private CompletableFuture<Void> record() {
            CompletableFuture<Void> write = new CompletableFuture<>();
            pending.add(write);
            return write;
        }
    }
}
