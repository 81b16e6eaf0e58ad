package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.testing.ManualTimer;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        return new RedisClock(connection.async(), new ManualTimer(), nanos::get, wall::get);
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
    @SuppressWarnings("unchecked")
    void anAnswerThatTookSecondsDoesNotPutTheClockAhead() throws Exception {
        StatefulRedisConnection<String, byte[]> connection =
                closeLater(redisClient().connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)));
        AtomicReference<Future<?>> time = new AtomicReference<>();
        long start = TimeUnit.DAYS.toNanos(3);
        // Redis answers TIME 10 s after it is asked
        LongSupplier nanos = () -> time.get() != null && time.get().isDone() ? start + TimeUnit.SECONDS.toNanos(10) : start;
        RedisClusterAsyncCommands<String, byte[]> slowTime = (RedisClusterAsyncCommands<String, byte[]>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RedisClusterAsyncCommands.class}, (proxy, method, arguments) -> {
                    Object result = method.invoke(connection.async(), arguments);
                    if (method.getName().equals("time")) {
                        time.set((Future<?>) result);
                    }
                    return result;
                });
        RedisClock clock = new RedisClock(slowTime, new ManualTimer(), nanos, () -> 1_000_000);
        clock.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(clock.getAsLong()).as("at most Redis's time now").isLessThanOrEqualTo(redisMillis() + 1);
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
