package io.clamator.transport.redis;

import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock of the Redis node that holds a key (a service's command stream) as this JVM estimates
 * it: the time {@code TIME} showed there, measured at start and again every ten minutes, carried
 * forward by this JVM's monotonic clock, so that a step of the local wall clock (an NTP correction)
 * does not move it. Where the wall clock and the monotonic clock part by more than a second since
 * the last measurement (a step, or a suspended machine, whose monotonic clock stood still), it is
 * measured again at once. Readings of {@code TIME} taken on the way (by claims) are
 * {@linkplain #observe observed} too, and move the estimate when they show it wrong, ahead or
 * behind (a failover to a node whose clock differs, a clock stepped on Redis's host). Entry ids
 * carry the time that node added them, so comparing against it needs no agreement between the
 * clocks of callers, servers and the nodes of a cluster. Until the first measurement succeeds the
 * clock is not {@linkplain #isMeasured() measured}.
 */
final class RedisClock implements LongSupplier {

    /** Where {@code TIME} is read. */
    @FunctionalInterface
    interface TimeSource {

        /** {@code TIME}'s answer: seconds and microseconds, as text. */
        CompletionStage<List<byte[]>> time();
    }

    private static final Logger log = LoggerFactory.getLogger(RedisClock.class);
    private static final Duration REMEASURE_EVERY = Duration.ofMinutes(10);
    private static final long MOST_CLOCKS_APART_MILLIS = 1_000;
    /** Readings asked for between the periodic ones are at least this far apart. */
    private static final long LEAST_NANOS_BETWEEN_READINGS = Duration.ofSeconds(1).toNanos();

    /**
     * Redis's time in milliseconds at the instant {@code nanos} of the monotonic clock, when the
     * wall clock read {@code wallMillis}, from a reading answered {@code roundTripMillis} after it was asked for.
     */
    private record Anchor(long redisMillis, long nanos, long wallMillis, long roundTripMillis) {

        long redisMillisAt(long atNanos) {
            return redisMillis + (atNanos - nanos) / 1_000_000;
        }
    }

    private final TimeSource source;
    private final RepeatedFailureLog failures;
    private final PeriodicPass passes;
    private final LongSupplier nanoTime;
    private final LongSupplier wallMillis;
    private final AtomicBoolean measuring = new AtomicBoolean();
    private volatile Anchor anchor;
    private volatile boolean measured;
    private volatile long lastAskedNanos;

    /** The clock of the node that holds {@code key}. */
    RedisClock(RedisClusterAsyncCommands<String, byte[]> commands, String key, TransportTimer timer) {
        this(nodeOf(commands, key), "reading the clock (TIME) of the Redis that holds " + key, timer, System::nanoTime,
                System::currentTimeMillis);
    }

    /**
     * @param task       what reading the clock is, for the log
     * @param nanoTime   the monotonic clock, {@link System#nanoTime()} but in tests
     * @param wallMillis the wall clock, {@link System#currentTimeMillis()} but in tests
     */
    RedisClock(TimeSource source, String task, TransportTimer timer, LongSupplier nanoTime, LongSupplier wallMillis) {
        this.source = source;
        this.failures = new RepeatedFailureLog(log, task);
        this.nanoTime = nanoTime;
        this.wallMillis = wallMillis;
        long wall = wallMillis.getAsLong();
        long now = nanoTime.getAsLong();
        this.anchor = new Anchor(wall, now, wall, 0);
        this.lastAskedNanos = now - LEAST_NANOS_BETWEEN_READINGS;
        this.passes = new PeriodicPass(timer, REMEASURE_EVERY, done -> measure().whenComplete((measured, error) -> done.run()));
    }

    /** Measures Redis's time now and then every ten minutes until stopped; completes after the first measurement. */
    CompletionStage<Void> start() {
        passes.start();
        return measure();
    }

    void stop() {
        passes.stop();
    }

    /** Whether {@code TIME} has been read at least once; until then the clock is only this JVM's guess. */
    boolean isMeasured() {
        return measured;
    }

    /** Redis's time now, in milliseconds since the epoch. */
    @Override
    public long getAsLong() {
        Anchor current = anchor;
        long now = nanoTime.getAsLong();
        long redisNow = current.redisMillisAt(now);
        if (Math.abs(wallMillis.getAsLong() - current.wallMillis() - (redisNow - current.redisMillis())) > MOST_CLOCKS_APART_MILLIS) {
            remeasure();
        }
        return redisNow;
    }

    /** How long the reading the estimate rests on took to be answered: the estimate may lag Redis by up to that. */
    long roundTripMillis() {
        return anchor.roundTripMillis();
    }

    /**
     * Reads {@code TIME} again now, for a user that found the estimate wrong (or that Redis may have
     * failed over), unless a reading asked for so is under way or the last reading of any kind was
     * asked for less than a second ago.
     */
    void remeasure() {
        long now = nanoTime.getAsLong();
        if (now - lastAskedNanos >= LEAST_NANOS_BETWEEN_READINGS && measuring.compareAndSet(false, true)) {
            measure().whenComplete((measured, error) -> measuring.set(false));
        }
    }

    /**
     * A reading of {@code TIME} ({@code redisMillis}) taken by a command sent at {@code sentNanos}
     * and answered at {@code answeredNanos}: Redis read its clock in between, so where the
     * estimate at the answer is behind the reading, or ahead of it by more than the round trip, the
     * estimate was wrong, and the reading becomes the anchor.
     */
    void observe(long redisMillis, long sentNanos, long answeredNanos) {
        if (!measured) {
            return;
        }
        long estimate = anchor.redisMillisAt(answeredNanos);
        long roundTripMillis = (answeredNanos - sentNanos) / 1_000_000;
        if (estimate < redisMillis || estimate > redisMillis + roundTripMillis) {
            anchor = new Anchor(redisMillis, answeredNanos, wallMillis.getAsLong(), roundTripMillis);
        }
    }

    /**
     * Anchors Redis's answer at the moment it arrived: Redis read its clock at some moment between
     * the asking and the answer, so the estimate may lag by the round trip (a call judged overdue
     * a little late) but is never ahead of Redis, even when the answer took seconds (a Redis that
     * froze and came back), which would skip calls whose callers still wait.
     */
    private CompletionStage<Void> measure() {
        long asked = nanoTime.getAsLong();
        lastAskedNanos = asked;
        CompletionStage<List<byte[]>> time;
        try {
            time = source.time();
        } catch (RuntimeException e) {
            time = CompletableFuture.failedFuture(e);
        }
        return time.handle((reading, error) -> {
            if (error == null) {
                long answered = nanoTime.getAsLong();
                anchor = new Anchor(redisMillis(reading), answered, wallMillis.getAsLong(), (answered - asked) / 1_000_000);
                measured = true;
                failures.succeeded();
            } else {
                failures.failed(error, measured ? "deadlines are compared with the clock as last measured"
                        : "no call is skipped for its deadline until it is read");
            }
            return null;
        });
    }

    /** {@code TIME} in a script given the key, so that a cluster runs it on the node that holds the key. */
    private static TimeSource nodeOf(RedisClusterAsyncCommands<String, byte[]> commands, String key) {
        LuaScript time = new LuaScript(commands, "return redis.call('TIME')", ScriptOutputType.MULTI);
        String[] keys = {key};
        return () -> time.evaluate(commands, keys, new byte[0][]);
    }

    /** {@code TIME}'s answer (seconds and microseconds, as text in bytes) in milliseconds. */
    static long redisMillis(List<?> time) {
        long seconds = Long.parseLong(new String((byte[]) time.get(0), StandardCharsets.US_ASCII));
        long micros = Long.parseLong(new String((byte[]) time.get(1), StandardCharsets.US_ASCII));
        return seconds * 1000 + micros / 1000;
    }
}
