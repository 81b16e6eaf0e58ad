package io.clamator.interop.load;

import io.clamator.interop.contracts.Arith;
import io.clamator.transport.redis.RedisRpcClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load driver of the reliability suite (reliability/run): the plain core
 * {@link RedisRpcClient} with {@code concurrency} callers of {@code arith}, each checking its
 * answer against the sum it expects. Prints {@code READY} once its client runs and, after the
 * configured duration or on {@code SIGTERM} (once the calls in flight have ended), one JSON
 * summary line of every call's outcome ({@link CallTally}).
 */
public final class LoadClient {

    private LoadClient() {
    }

    public static void run(JsonNode config, JsonMapper mapper) throws Exception {
        LoadSettings settings = LoadSettings.from(config);
        RedisRpcClient client = RedisRpcClient.builder()
                .redisUri(settings.redisUrl())
                .keyPrefix(settings.keyPrefix())
                .defaultTimeout(settings.callTimeout())
                .commandTimeout(settings.commandTimeout())
                .replyStreamTtl(settings.replyStreamTtl())
                .build();
        client.start();
        System.out.println("READY");
        System.out.flush();
        CallTally tally = new CallTally();
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch reported = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitReport(stopping, reported, settings), "load-stop"));
        long deadline = System.nanoTime() + settings.duration().toNanos();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < settings.concurrency(); i++) {
            Thread caller = new Thread(() -> callUntil(deadline, stopping, client, settings, tally), "caller-" + i);
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join();
        }
        client.stop();
        System.out.println(mapper.writeValueAsString(tally.summary()));
        System.out.flush();
        reported.countDown();
    }

    /** On SIGTERM: lets the callers finish their calls in flight and the summary be printed before the JVM ends. */
    private static void awaitReport(AtomicBoolean stopping, CountDownLatch reported, LoadSettings settings) {
        stopping.set(true);
        try {
            reported.await(settings.callTimeout().plus(settings.hangMargin()).plusSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void callUntil(long deadline, AtomicBoolean stopping, RedisRpcClient client, LoadSettings settings, CallTally tally) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long waitLimitMillis = settings.callTimeout().plus(settings.hangMargin()).toMillis();
        while (!stopping.get() && System.nanoTime() < deadline) {
            int a = random.nextInt(1_000_000);
            int b = random.nextInt(1_000_000);
            long started = System.nanoTime();
            CompletableFuture<Arith.AddResult> call = settings.slow()
                    ? client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(a, b, settings.sleepMs()), Arith.AddResult.class, null)
                    : client.callAsync("arith", "add", new Arith.AddParams(a, b), Arith.AddResult.class, null);
            boolean failed = false;
            try {
                Arith.AddResult result = call.get(waitLimitMillis, TimeUnit.MILLISECONDS);
                boolean right = result != null && result.sum() == (double) a + b;
                tally.ok(micros(started), right, a + " + " + b + " answered " + (result == null ? null : result.sum()));
            } catch (ExecutionException e) {
                tally.failed(micros(started), e.getCause());
                failed = true;
            } catch (TimeoutException e) {
                call.cancel(true);
                tally.hung(micros(started));
                failed = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause(failed ? settings.pauseAfterFailure().toMillis() : settings.interval().toMillis());
        }
    }

    private static long micros(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startedNanos);
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
