package io.clamator.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Soak mode: clamator Java client and server (server concurrency 16) make a million calls at
 * caller concurrency 64; at 10 %, 25 %, 50 %, 75 % and 100 % of the calls the load pauses, every
 * call has completed, and the heap is measured after full garbage collections. A leak per call
 * (pending calls, timeout tasks, in-flight sets) shows as growth between the first and last point.
 */
final class Soak {

    private static final double[] POINTS = {0.10, 0.25, 0.50, 0.75, 1.00};

    private Soak() {
    }

    static void run(Options options, RedisHarness redis, String run) throws Exception {
        ClamatorJavaSystem system = ClamatorJavaSystem.javaPair(redis.url, run + "-soak", 16);
        String commandStream = system.keyPrefix() + ":cmds:arith";
        system.start();
        try {
            System.out.printf("soak: %s, %d calls of the small payload at caller concurrency %d%n", system.description(),
                    options.soakCalls, options.soakConcurrency);
            long done = 0;
            long first = 0;
            long last = 0;
            for (double point : POINTS) {
                long target = Math.round(options.soakCalls * point);
                long started = System.nanoTime();
                long errors = runCalls(system, target - done, options.soakConcurrency);
                double seconds = (System.nanoTime() - started) / 1e9;
                double rate = (target - done) / seconds;
                done = target;
                long heap = heapAfterGc();
                if (first == 0) {
                    first = heap;
                }
                last = heap;
                System.out.printf(Locale.ROOT, "SOAK_POINT calls=%d heap_after_gc_bytes=%d calls_per_s=%.0f errors=%d redis_used_memory=%s"
                        + " command_stream_length=%d%n", done, heap, rate, errors, redis.usedMemoryHuman(), redis.streamLength(commandStream));
                if (errors > 0) {
                    throw new IllegalStateException(errors + " calls failed during the soak");
                }
            }
            System.out.printf(Locale.ROOT, "SOAK heap_after_gc_100k_bytes=%d heap_after_gc_1m_bytes=%d growth_pct=%.1f%n", first, last,
                    (last - first) * 100.0 / first);
        } finally {
            system.close();
        }
    }

    /** Makes exactly {@code calls} calls with {@code concurrency} closed-loop callers and waits for all of them. */
    private static long runCalls(ClamatorJavaSystem system, long calls, int concurrency) throws InterruptedException {
        AtomicLong remaining = new AtomicLong(calls);
        AtomicLong errors = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            next(system, remaining, errors, firstError, finished);
        }
        if (!finished.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("soak calls did not finish");
        }
        if (firstError.get() != null) {
            System.err.println("  first failure: " + firstError.get());
        }
        return errors.get();
    }

    private static void next(ClamatorJavaSystem system, AtomicLong remaining, AtomicLong errors, AtomicReference<Throwable> firstError,
                             CountDownLatch finished) {
        if (remaining.getAndDecrement() <= 0) {
            finished.countDown();
            return;
        }
        CompletableFuture<?> call;
        try {
            call = system.call(Payload.SMALL).toCompletableFuture();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((result, error) -> {
            if (error != null) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, error);
            }
            next(system, remaining, errors, firstError, finished);
        });
    }

    /** Heap in use after full collections, once the numbers settle. */
    static long heapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 64 * 1024) {
                break;
            }
            previous = used;
        }
        return used;
    }
}
