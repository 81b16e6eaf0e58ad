package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.testing.ManualTimer;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Redis's clock is measured with TIME and then carried forward by the monotonic clock alone. */
class RedisClockTest extends RedisTestSupport {

    private long redisMillis() {
        List<String> time = redis.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }

    @Test
    void measuresRedisTimeAndThenMovesOnlyWithTheMonotonicClock() throws Exception {
        StatefulRedisConnection<String, byte[]> connection =
                closeLater(redisClient().connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)));
        AtomicLong nanos = new AtomicLong(TimeUnit.DAYS.toNanos(3));
        RedisClock clock = new RedisClock(connection.async(), new ManualTimer(), nanos::get);

        long before = redisMillis();
        clock.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
        long after = redisMillis();
        assertThat(clock.getAsLong()).isBetween(before - 1, after + 1);

        long measured = clock.getAsLong();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(clock.getAsLong()).as("five monotonic seconds later, whatever the wall clock did").isEqualTo(measured + 5_000);
    }
}
