package io.clamator.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one system did for one payload and caller concurrency: latencies of the calls completed in
 * the measured window (nanoseconds), how long the window was, failures, and the CPU time spent by
 * each process involved in it (nanoseconds; "jvm" is this whole process).
 */
final class Measurement {

    static final long HIGHEST_NANOS = 120_000_000_000L;

    final Histogram latencies = new Histogram(HIGHEST_NANOS, 3);
    long windowNanos;
    long errors;
    final Map<String, Long> cpuNanos = new TreeMap<>();
    final Map<String, Long> redisCommands = new TreeMap<>();
    final Map<String, Long> threadCpuNanos = new TreeMap<>();
    /** The calls per second of each measurement added, round by round. */
    final List<Double> roundCallsPerSecond = new ArrayList<>();
    /** What else the machine did during one measured window; {@code null} where it was not probed. */
    Background background;
    /** The background of each measurement added, round by round. */
    final List<Background> roundBackground = new ArrayList<>();

    /**
     * What the machine did besides the measured system during a window.
     *
     * @param otherCpuNanos  CPU time of every process outside the system's own (other systems' idle JVMs and servers, anything else running)
     * @param stolenNanos    time the hypervisor gave the machine's CPUs to others ({@code steal} in {@code /proc/stat})
     * @param compileMillis  time this JVM's JIT spent compiling, or -1 where the JVM does not say
     */
    record Background(long otherCpuNanos, long stolenNanos, long compileMillis) {
    }

    long calls() {
        return latencies.getTotalCount();
    }

    double callsPerSecond() {
        return windowNanos == 0 ? 0 : calls() * 1e9 / windowNanos;
    }

    long percentileMicros(double percentile) {
        return calls() == 0 ? 0 : Math.round(latencies.getValueAtPercentile(percentile) / 1000.0);
    }

    /** CPU microseconds per completed call for one process. */
    double cpuMicrosPerCall(String process) {
        Long nanos = cpuNanos.get(process);
        return nanos == null || calls() == 0 ? Double.NaN : nanos / 1000.0 / calls();
    }

    void add(Measurement other) {
        roundCallsPerSecond.add(other.callsPerSecond());
        if (other.background != null) {
            roundBackground.add(other.background);
        }
        latencies.add(other.latencies);
        windowNanos += other.windowNanos;
        errors += other.errors;
        other.cpuNanos.forEach((k, v) -> cpuNanos.merge(k, v, Long::sum));
        other.redisCommands.forEach((k, v) -> redisCommands.merge(k, v, Long::sum));
        other.threadCpuNanos.forEach((k, v) -> threadCpuNanos.merge(k, v, Long::sum));
    }

    /** Whether every round was faster than the one before, the last by more than a quarter over the first: not yet warmed up. */
    boolean stillRising() {
        for (int i = 1; i < roundCallsPerSecond.size(); i++) {
            if (roundCallsPerSecond.get(i) <= roundCallsPerSecond.get(i - 1)) {
                return false;
            }
        }
        return roundCallsPerSecond.size() >= 2 && roundCallsPerSecond.get(roundCallsPerSecond.size() - 1) > 1.25 * roundCallsPerSecond.get(0);
    }
}
