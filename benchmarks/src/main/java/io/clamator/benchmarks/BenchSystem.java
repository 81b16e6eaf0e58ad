package io.clamator.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** One system under measurement: a client and a server on the shared Redis. */
interface BenchSystem extends AutoCloseable {

    /** Short name used in the table and the BENCH lines. */
    String name();

    /** What the system is, for the report. */
    String description();

    void start() throws Exception;

    /**
     * One call with the payload from this JVM, as the measurement makes them; {@code null} for a
     * system whose calls are made in another process (which overrides {@link #measure}).
     */
    CompletionStage<?> call(Payload payload);

    /** How long this system's unmeasured calls before the first window should run, given the run's initial warm-up. */
    default Duration initialWarmup(Duration runWarmup) {
        return runWarmup;
    }

    /** Processes besides this JVM that do the system's work (their CPU time is reported). */
    default Map<String, ProcessHandle> processes() {
        return Map.of();
    }

    /**
     * Runs {@code concurrency} closed-loop callers: each makes a call ({@link #call}), waits for its
     * reply, makes the next. After {@code warmup}, calls completed within {@code window} are measured.
     */
    default Measurement measure(Payload payload, int concurrency, Duration warmup, Duration window, ResourceProbe probe) throws Exception {
        return ClosedLoop.run(() -> call(payload), concurrency, warmup, window, probe);
    }

    @Override
    void close();
}
