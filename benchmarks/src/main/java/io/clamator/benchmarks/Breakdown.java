package io.clamator.benchmarks;

import io.clamator.benchmarks.Payload.AddParams;
import io.clamator.benchmarks.Payload.AddResult;
import io.clamator.benchmarks.Payload.EchoText;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Where the time of one sequential call goes ({@code benchmarks/run.sh --breakdown}). Client and
 * server share this JVM's clock, so the handler notes when it starts and returns: the request leg
 * (call started to handler entered: encode, XADD, Redis, the server's read, the handoff to the
 * handler thread, parsing) and the reply leg (handler returned to call completed: encode, reply
 * write, Redis, the client's read, parsing) are measured apart.
 */
final class Breakdown {

    private static final int WARMUP_CALLS = 15_000;
    private static final int CALLS = 5_000;

    private Breakdown() {
    }

    /** Handlers that note when they run; only one call is in flight at a time. */
    static final class TimedHandlers implements ArithContract, RedissonSystem.ArithRemote {
        volatile long entered;
        volatile long returned;

        @Override
        public AddResult add(AddParams params) {
            entered = System.nanoTime();
            AddResult result = new AddResult(params.a() + params.b());
            returned = System.nanoTime();
            return result;
        }

        @Override
        public EchoText echoText(EchoText params) {
            entered = System.nanoTime();
            EchoText result = new EchoText(params.text());
            returned = System.nanoTime();
            return result;
        }
    }

    static void run(RedisHarness redis, String run) throws Exception {
        System.out.println("== breakdown of sequential calls (small payload, " + CALLS + " calls after " + WARMUP_CALLS + " warm-up calls; p50 / p99 us)");
        for (int concurrency : new int[] {1, 16}) {
            TimedHandlers handlers = new TimedHandlers();
            ClamatorJavaSystem system = ClamatorJavaSystem.withHandlers("clamator-java-s" + concurrency, redis.url,
                    run + "-breakdown-s" + concurrency, concurrency, handlers);
            system.start();
            try {
                measure(system.name(), handlers, () -> system.call(Payload.SMALL));
            } finally {
                system.close();
            }
        }
        TimedHandlers handlers = new TimedHandlers();
        RedissonSystem redisson = new RedissonSystem(redis.url, run + "-breakdown-redisson", 16, false, handlers);
        redisson.start();
        try {
            measure(redisson.name(), handlers, () -> redisson.call(Payload.SMALL));
        } finally {
            redisson.close();
        }
    }

    private static void measure(String name, TimedHandlers handlers, Supplier<CompletionStage<?>> call) throws Exception {
        Histogram request = new Histogram(Measurement.HIGHEST_NANOS, 3);
        Histogram handler = new Histogram(Measurement.HIGHEST_NANOS, 3);
        Histogram reply = new Histogram(Measurement.HIGHEST_NANOS, 3);
        Histogram total = new Histogram(Measurement.HIGHEST_NANOS, 3);
        // as in the closed loop: each call is started from the completion of the previous one
        CompletableFuture<Void> finished = new CompletableFuture<>();
        int[] made = {0};
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            long start = System.nanoTime();
            call.get().whenComplete((result, error) -> {
                long end = System.nanoTime();
                if (error != null) {
                    finished.completeExceptionally(error);
                    return;
                }
                if (made[0]++ >= WARMUP_CALLS) {
                    request.recordValue(handlers.entered - start);
                    handler.recordValue(Math.max(0, handlers.returned - handlers.entered));
                    reply.recordValue(end - handlers.returned);
                    total.recordValue(end - start);
                }
                if (made[0] < WARMUP_CALLS + CALLS) {
                    next[0].run();
                } else {
                    finished.complete(null);
                }
            });
        };
        next[0].run();
        finished.get(5, TimeUnit.MINUTES);
        System.out.printf(Locale.ROOT, "BREAKDOWN %s c=1 total_us=%.0f/%.0f request_leg_us=%.0f/%.0f handler_us=%.1f/%.1f reply_leg_us=%.0f/%.0f%n",
                name, p(total, 50), p(total, 99), p(request, 50), p(request, 99), p(handler, 50), p(handler, 99), p(reply, 50), p(reply, 99));
    }

    private static double p(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e3;
    }
}
