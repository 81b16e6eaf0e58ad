package io.clamator.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load from this JVM: N callers, each starting its next call from the completion of its
 * previous one (no thread per caller; a completion runs wherever the client completes its future).
 * Latency is measured from just before the call is started to its completion.
 */
final class ClosedLoop {

    private static final int WARMUP = 0;
    private static final int MEASURE = 1;
    private static final int STOP = 2;
    private static final ScheduledExecutorService RETRY = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-retry");
        thread.setDaemon(true);
        return thread;
    });

    private final Supplier<CompletionStage<?>> call;
    private final Recorder recorder = new Recorder(Measurement.HIGHEST_NANOS, 3);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private volatile int phase = WARMUP;

    private ClosedLoop(Supplier<CompletionStage<?>> call) {
        this.call = call;
    }

    static Measurement run(Supplier<CompletionStage<?>> call, int concurrency, Duration warmup, Duration window,
                           ResourceProbe probe) throws InterruptedException {
        return new ClosedLoop(call).measure(concurrency, warmup, window, probe);
    }

    private Measurement measure(int concurrency, Duration warmup, Duration window, ResourceProbe probe) throws InterruptedException {
        running.set(concurrency);
        for (int i = 0; i < concurrency; i++) {
            issue();
        }
        Thread.sleep(warmup.toMillis());
        ResourceProbe.Snapshot before = probe == null ? null : probe.take();
        recorder.reset();
        phase = MEASURE;
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        phase = STOP;
        long end = System.nanoTime();
        Measurement measurement = new Measurement();
        measurement.latencies.add(recorder.getIntervalHistogram());
        if (probe != null) {
            ResourceProbe.addDifference(before, probe.take(), measurement);
        }
        measurement.windowNanos = end - start;
        measurement.errors = errors.get();
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (running.get() > 0 && System.nanoTime() < drainDeadline) {
            Thread.sleep(1);
        }
        if (running.get() > 0) {
            throw new IllegalStateException(running.get() + " calls still outstanding 60 s after the window ended");
        }
        Throwable error = firstError.get();
        if (error != null) {
            System.err.println("  first failure: " + error);
        }
        return measurement;
    }

    private void issue() {
        long start = System.nanoTime();
        CompletionStage<?> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((result, error) -> completed(start, error));
    }

    private void completed(long start, Throwable error) {
        long elapsed = System.nanoTime() - start;
        int now = phase;
        if (error == null) {
            if (now == MEASURE) {
                recorder.recordValue(Math.min(elapsed, Measurement.HIGHEST_NANOS));
            }
        } else {
            if (now != STOP) {
                errors.incrementAndGet();
            }
            firstError.compareAndSet(null, error);
        }
        if (now == STOP) {
            running.decrementAndGet();
        } else if (error == null) {
            issue();
        } else {
            RETRY.schedule(this::issue, 10, TimeUnit.MILLISECONDS);
        }
    }
}
