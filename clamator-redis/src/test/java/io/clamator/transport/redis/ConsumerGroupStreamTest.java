package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.testing.ManualTimer;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claims and redeliveries on a real Redis: entries come back whole, a claim Redis runs later than
 * allowed takes nothing, and an entry another consumer took over is not taken back.
 */
class ConsumerGroupStreamTest extends RedisTestSupport {

    private static final Duration RUN_WITHIN = Duration.ofSeconds(1);

    private final AtomicInteger clockReads = new AtomicInteger();
    /** How far behind Redis's real time the clock's readings are. */
    private final AtomicLong readingsBehindMillis = new AtomicLong();
    private String entryId;

    @BeforeEach
    void anEntryPendingToAnotherConsumer() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put(StreamKeys.ENVELOPE, "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"method\":\"add\"}");
        body.put(StreamKeys.REPLY_TO, "shop:replies:a");
        redis.xgroupCreate(XReadArgs.StreamOffset.from(commands("arith"), "0"), "arith", XGroupCreateArgs.Builder.mkstream());
        entryId = redis.xadd(commands("arith"), body);
        redis.xreadgroup(Consumer.from("arith", "arith:gone"), XReadArgs.StreamOffset.lastConsumed(commands("arith")));
    }

    private RedisClock clock(boolean timeAllowed) throws Exception {
        RedisClock clock = new RedisClock(() -> {
            clockReads.incrementAndGet();
            if (!timeAllowed) {
                return CompletableFuture.failedFuture(new RedisCommandExecutionException("NOPERM no permissions to run the 'time' command"));
            }
            List<String> time = redis.time();
            long seconds = Long.parseLong(time.get(0)) - TimeUnit.MILLISECONDS.toSeconds(readingsBehindMillis.get());
            return CompletableFuture.completedFuture(List.of(bytes(Long.toString(seconds)), bytes(time.get(1))));
        }, "reading the clock", new ManualTimer(), System::nanoTime, System::currentTimeMillis);
        clock.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
        return clock;
    }

    private ConsumerGroupStream streamWith(RedisClock clock) {
        StatefulRedisConnection<String, byte[]> connection = closeLater(redisClient().connect(RedisConnector.CODEC));
        return new ConsumerGroupStream(connection.async(), connection.async(), prefix, "arith", "b", Duration.ofMillis(100), clock);
    }

    private Reclaimer.Claim claim(ConsumerGroupStream stream) throws Exception {
        return stream.claim("0-0", 10, Duration.ZERO, RUN_WITHIN).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private String owner() {
        return redis.xpending(commands("arith"), "arith", Range.create("-", "+"), Limit.from(10)).get(0).getConsumer();
    }

    private long deliveries() {
        return redis.xpending(commands("arith"), "arith", Range.create("-", "+"), Limit.from(10)).get(0).getRedeliveryCount();
    }

    @Test
    void aClaimTakesTheEntriesWithTheirFieldsInOrderAndEndsWithTheCursorAtTheStart() throws Exception {
        Reclaimer.Claim claim = claim(streamWith(clock(true)));
        assertThat(claim.ranLate()).isFalse();
        assertThat(claim.cursor()).isEqualTo("0-0");
        assertThat(claim.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.getId()).isEqualTo(entryId);
            assertThat(entry.getStream()).isEqualTo(commands("arith"));
            assertThat(entry.getBody().keySet()).containsExactly(StreamKeys.ENVELOPE, StreamKeys.REPLY_TO);
            assertThat(text(entry, StreamKeys.REPLY_TO)).isEqualTo("shop:replies:a");
        });
        assertThat(owner()).isEqualTo("arith:b");
    }

    @Test
    void aClaimRunLaterThanAllowedByRedisClockTakesNothingAndTheTimeItReadCorrectsTheClock() throws Exception {
        readingsBehindMillis.set(5_000);
        RedisClock clock = clock(true);
        ConsumerGroupStream stream = streamWith(clock);
        assertThat(clock.getAsLong()).isLessThan(redisMillis() - 4_000);

        Reclaimer.Claim late = claim(stream);

        assertThat(late.ranLate()).as("by the clock as estimated, Redis ran it 5 s after it was sent").isTrue();
        assertThat(late.entries()).isEmpty();
        assertThat(owner()).as("nothing was claimed").isEqualTo("arith:gone");
        assertThat(clock.getAsLong()).as("corrected by the TIME the claim read").isBetween(redisMillis() - 1_000, redisMillis());
        assertThat(clockReads).as("without reading the clock again").hasValue(1);
        assertThat(claim(stream).entries()).as("the next claim runs in time").extracting(StreamMessage::getId).containsExactly(entryId);
        assertThat(owner()).isEqualTo("arith:b");
    }

    @Test
    void entriesPendingButNoLongerInTheStreamAreAcknowledgedWhenClaimedOrDeliveredAgain() throws Exception {
        ConsumerGroupStream stream = streamWith(clock(true));
        redis.xdel(commands("arith"), entryId);
        Reclaimer.Claim claim = claim(stream);
        assertThat(claim.entries()).isEmpty();
        assertThat(claim.gone()).isEqualTo(1);
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).as("nothing left pending (Redis 6.2 would keep it)").isZero();

        String another = redis.xadd(commands("arith"), Map.of(StreamKeys.ENVELOPE, "{}"));
        redis.xreadgroup(Consumer.from("arith", "arith:b"), XReadArgs.StreamOffset.lastConsumed(commands("arith")));
        redis.xdel(commands("arith"), another);
        assertThat(stream.redeliverOwn(List.of(another)).toCompletableFuture().get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero();
    }

    private long redisMillis() {
        List<String> time = redis.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }

    @Test
    void whileRedisClockCannotBeReadClaimsRunWheneverRedisRunsThem() throws Exception {
        RedisClock clock = clock(false);
        assertThat(clock.isMeasured()).isFalse();
        assertThat(claim(streamWith(clock)).entries()).extracting(StreamMessage::getId).containsExactly(entryId);
    }

    @Test
    void entriesPendingToThisConsumerAreDeliveredToItAgainButNotOnesAnotherConsumerTookOverSinceTheyWereListed() throws Exception {
        ConsumerGroupStream stream = streamWith(clock(true));
        redis.xclaim(commands("arith"), Consumer.from("arith", "arith:b"), 0, entryId);
        assertThat(stream.listOwnPending("0-0", 10).toCompletableFuture().get(20, TimeUnit.SECONDS)).containsExactly(entryId);
        redis.xclaim(commands("arith"), Consumer.from("arith", "arith:other"), 0, entryId);

        assertThat(stream.redeliverOwn(List.of(entryId)).toCompletableFuture().get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(owner()).isEqualTo("arith:other");
        assertThat(deliveries()).as("read once, claimed twice, not delivered again").isEqualTo(3);

        redis.xclaim(commands("arith"), Consumer.from("arith", "arith:b"), 0, entryId);
        assertThat(stream.redeliverOwn(List.of(entryId)).toCompletableFuture().get(20, TimeUnit.SECONDS)).singleElement()
                .satisfies(entry -> assertThat(text(entry, StreamKeys.REPLY_TO)).isEqualTo("shop:replies:a"));
        assertThat(owner()).isEqualTo("arith:b");
        assertThat(deliveries()).as("claimed back, then delivered again").isEqualTo(5);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(StreamMessage<String, byte[]> entry, String field) {
        return new String(entry.getBody().get(field), StandardCharsets.UTF_8);
    }
}
