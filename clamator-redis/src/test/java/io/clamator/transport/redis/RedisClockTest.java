package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.testing.ManualTimer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Redis's clock is measured with TIME and then carried forward by the monotonic clock alone. */
class RedisClockTest extends RedisTestSupport {

    private long redisMillis() {
        List<String> time = redis.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }

    private RedisClock clockWith(AtomicLong nanos, AtomicLong wall) {
        StatefulRedisConnection<String, byte[]> connection =
                closeLater(redisClient().connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)));
        return new RedisClock(connection.async()::time, "reading the clock", new ManualTimer(), nanos::get, wall::get);
    }

    @Test
    void theClockOfTheNodeHoldingAKeyIsReadInAScriptGivenTheKey() throws Exception {
        StatefulRedisConnection<String, byte[]> connection =
                closeLater(redisClient().connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)));
        RedisClock clock = new RedisClock(connection.async(), commands("arith"), new ManualTimer());
        assertThat(clock.isMeasured()).isFalse();
        long before = redisMillis();
        clock.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(clock.isMeasured()).isTrue();
        assertThat(clock.getAsLong()).isBetween(before - 1, redisMillis() + 1);
    }

    @Test
    void aClockWhoseTimeIsRefusedIsNotMeasured() throws Exception {
        RedisClock clock = new RedisClock(() -> CompletableFuture.failedFuture(new RedisCommandExecutionException(
                "NOPERM this user has no permissions to run the 'time' command")), "reading the clock", new ManualTimer(), System::nanoTime,
                System::currentTimeMillis);
        clock.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(clock.isMeasured()).isFalse();
    }

    @Test
    void measuresRedisTimeAndThenMovesOnlyWithTheMonotonicClock() throws Exception {
        AtomicLong nanos = new AtomicLong(TimeUnit.DAYS.toNanos(3));
        AtomicLong wall = new AtomicLong(1_000_000);
        RedisClock clock = clockWith(nanos, wall);

        long before = redisMillis();
        clock.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
        long after = redisMillis();
        assertThat(clock.getAsLong()).isBetween(before - 1, after + 1);

        long measured = clock.getAsLong();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        wall.addAndGet(5_000 + 700);
        assertThat(clock.getAsLong()).as("five monotonic seconds later, the wall clock within a second of them").isEqualTo(measured + 5_000);
    }

    @Test
    void anAnswerThatTookSecondsDoesNotPutTheClockAhead() throws Exception {
        StatefulRedisConnection<String, byte[]> connection =
                closeLater(redisClient().connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)));
        AtomicReference<Future<?>> time = new AtomicReference<>();
        long start = TimeUnit.DAYS.toNanos(3);
        // Redis answers TIME 10 s after it is asked
        LongSupplier nanos = () -> time.get() != null && time.get().isDone() ? start + TimeUnit.SECONDS.toNanos(10) : start;
        RedisClock.TimeSource slowTime = () -> {
            RedisFuture<List<byte[]>> asked = connection.async().time();
            time.set(asked);
            return asked;
        };
        RedisClock clock = new RedisClock(slowTime, "reading the clock", new ManualTimer(), nanos, () -> 1_000_000);
        clock.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(clock.getAsLong()).as("at most Redis's time now").isLessThanOrEqualTo(redisMillis() + 1);
    }

    /** A clock on a fake TIME whose readings the test sets, at fake monotonic and wall clocks. */
    private static RedisClock fakeClock(AtomicLong redisMillis, AtomicInteger readings, AtomicLong nanos) throws Exception {
        RedisClock clock = new RedisClock(() -> {
            readings.incrementAndGet();
            long millis = redisMillis.get();
            return CompletableFuture.completedFuture(List.of(Long.toString(millis / 1000).getBytes(StandardCharsets.US_ASCII),
                    Long.toString(millis % 1000 * 1000).getBytes(StandardCharsets.US_ASCII)));
        }, "reading the clock", new ManualTimer(), nanos::get, () -> nanos.get() / 1_000_000);
        clock.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
        return clock;
    }

    @Test
    void aReadingTakenOnTheWayMovesTheEstimateOnlyWhereItShowsItWrongBehindOrAhead() throws Exception {
        AtomicLong nanos = new AtomicLong(TimeUnit.DAYS.toNanos(3));
        AtomicLong redis = new AtomicLong(5_000_000);
        RedisClock clock = fakeClock(redis, new AtomicInteger(), nanos);
        assertThat(clock.getAsLong()).isEqualTo(5_000_000);
        long sent = nanos.get();
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));

        clock.observe(5_000_060, sent, nanos.get());
        assertThat(clock.getAsLong()).as("read within the round trip: consistent, kept").isEqualTo(5_000_100);
        clock.observe(5_000_300, sent, nanos.get());
        assertThat(clock.getAsLong()).as("Redis's clock was later than the estimate").isEqualTo(5_000_300);
        assertThat(clock.roundTripMillis()).isEqualTo(100);
        clock.observe(4_000_000, sent, nanos.get());
        assertThat(clock.getAsLong()).as("the estimate was ahead of Redis by more than the round trip (a failover)").isEqualTo(4_000_000);
    }

    @Test
    void readingsAskedForOutsideThePeriodicOnesAreAtLeastASecondApartAndOneThatThrowsDoesNotStopThem() throws Exception {
        AtomicLong nanos = new AtomicLong(TimeUnit.DAYS.toNanos(3));
        AtomicInteger readings = new AtomicInteger();
        AtomicInteger asked = new AtomicInteger();
        RedisClock clock = new RedisClock(() -> {
            if (asked.incrementAndGet() == 2) {
                throw new IllegalStateException("connection closed");
            }
            readings.incrementAndGet();
            return CompletableFuture.completedFuture(List.of("5000".getBytes(StandardCharsets.US_ASCII), "0".getBytes(StandardCharsets.US_ASCII)));
        }, "reading the clock", new ManualTimer(), nanos::get, () -> nanos.get() / 1_000_000);
        clock.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
        clock.remeasure();
        assertThat(asked).as("within a second of the last reading").hasValue(1);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        clock.remeasure();
        assertThat(asked).as("a second later; this one throws").hasValue(2);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        clock.remeasure();
        assertThat(asked).hasValue(3);
        assertThat(readings).hasValue(2);
    }

    @Test
    void whenTheWallClockAndTheMonotonicClockPartItIsMeasuredAgain() throws Exception {
        AtomicLong nanos = new AtomicLong(TimeUnit.DAYS.toNanos(3));
        AtomicLong wall = new AtomicLong(1_000_000);
        RedisClock clock = clockWith(nanos, wall);
        clock.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
        long measured = clock.getAsLong();

        nanos.addAndGet(Duration.ofMinutes(30).toNanos()); // the monotonic clock says half an hour passed, the wall clock none
        assertThat(clock.getAsLong()).as("read once more from the anchor").isEqualTo(measured + 1_800_000);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(clock.getAsLong()).as("measured again").isBetween(redisMillis() - 5_000, redisMillis() + 5_000));
    }
}
