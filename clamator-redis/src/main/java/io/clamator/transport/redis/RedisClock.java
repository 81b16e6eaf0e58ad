package io.clamator.transport.redis;

import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis's clock as this JVM estimates it: the local wall clock plus the offset that Redis's
 * {@code TIME} showed, measured at start and again every ten minutes. Entry ids carry the time
 * Redis added them in this clock, so comparing against it needs no agreement between the clocks
 * of callers and servers. Until the first measurement, and when {@code TIME} fails, the offset is
 * taken as zero.
 */
final class RedisClock implements LongSupplier {

    private static final Logger log = LoggerFactory.getLogger(RedisClock.class);
    private static final Duration REMEASURE_EVERY = Duration.ofMinutes(10);

    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final RepeatedFailureLog failures = new RepeatedFailureLog(log, "reading Redis's clock (TIME)");
    private final PeriodicPass passes;
    private volatile long offsetMillis;

    RedisClock(RedisClusterAsyncCommands<String, byte[]> commands, TransportTimer timer) {
        this.commands = commands;
        this.passes = new PeriodicPass(timer, REMEASURE_EVERY, done -> measure().whenComplete((measured, error) -> done.run()));
    }

    /** Measures the offset now and then every ten minutes until stopped; completes after the first measurement. */
    CompletionStage<Void> start() {
        passes.start();
        return measure();
    }

    void stop() {
        passes.stop();
    }

    /** Redis's time now, in milliseconds since the epoch. */
    @Override
    public long getAsLong() {
        return System.currentTimeMillis() + offsetMillis;
    }

    private CompletionStage<Void> measure() {
        long sentAt = System.currentTimeMillis();
        return commands.time().handle((time, error) -> {
            if (error == null) {
                long receivedAt = System.currentTimeMillis();
                offsetMillis = redisMillis(time) - (sentAt + receivedAt) / 2;
                failures.succeeded();
            } else {
                failures.failed(error, "deadlines are compared with this JVM's clock");
            }
            return null;
        });
    }

    /** {@code TIME} answers seconds and microseconds, as text. */
    private static long redisMillis(List<byte[]> time) {
        long seconds = Long.parseLong(new String(time.get(0), StandardCharsets.US_ASCII));
        long micros = Long.parseLong(new String(time.get(1), StandardCharsets.US_ASCII));
        return seconds * 1000 + micros / 1000;
    }
}
