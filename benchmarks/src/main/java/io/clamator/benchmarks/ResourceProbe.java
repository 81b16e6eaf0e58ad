package io.clamator.benchmarks;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of every process a measurement involves (this JVM, Redis, Python peers), this JVM's CPU
 * time per thread group, Redis's command counters, and what else the machine did meanwhile (the CPU
 * time of every other process, time the hypervisor took, this JVM's JIT compiling), taken before and
 * after a measured window.
 */
final class ResourceProbe {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();
    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Length of a {@code /proc/stat} tick: Linux reports CPU time in 1/100 s. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** What a probe reads of the Redis a measurement runs on: one server, or every node of a cluster. */
    interface RedisFigures {

        /** CPU time Redis has spent (user and system), in nanoseconds, by part: {@code redis} for one server. */
        Map<String, Long> cpuNanosByPart();

        /** Per command: calls and microseconds spent ("xadd" and "xadd.usec"). */
        Map<String, Long> commandStats();
    }

    private final RedisFigures redis;
    private final Map<String, ProcessHandle> processes;

    ResourceProbe(RedisFigures redis, Map<String, ProcessHandle> processes) {
        this.redis = redis;
        this.processes = processes;
    }

    Snapshot take() {
        Snapshot snapshot = new Snapshot();
        snapshot.cpu.put("jvm", OS.getProcessCpuTime());
        snapshot.cpu.putAll(redis.cpuNanosByPart());
        processes.forEach((name, handle) -> snapshot.cpu.put(name,
                handle.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)));
        snapshot.commands.putAll(redis.commandStats());
        readMachineCpu(snapshot);
        snapshot.compileMillis = COMPILER != null && COMPILER.isCompilationTimeMonitoringSupported() ? COMPILER.getTotalCompilationTime() : -1;
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null) {
                long cpu = THREADS.getThreadCpuTime(ids[i]);
                if (cpu > 0) {
                    snapshot.threads.put(ids[i], new ThreadCpu(group(infos[i].getThreadName()), cpu, THREADS.getThreadUserTime(ids[i])));
                }
            }
        }
        return snapshot;
    }

    /** The machine's CPU time so far, from the first line of {@code /proc/stat}; left at -1 where there is none. */
    private static void readMachineCpu(Snapshot snapshot) {
        try (var lines = Files.lines(PROC_STAT)) {
            String[] ticks = lines.findFirst().orElse("").trim().split("\\s+");
            if (ticks.length > 8 && ticks[0].equals("cpu")) {
                long busy = 0;
                for (int field : new int[] {1, 2, 3, 6, 7}) { // user, nice, system, irq, softirq
                    busy += Long.parseLong(ticks[field]);
                }
                snapshot.machineBusyNanos = busy * NANOS_PER_TICK;
                snapshot.stolenNanos = Long.parseLong(ticks[8]) * NANOS_PER_TICK;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the background figures stay unknown
        }
    }

    /** Adds what happened between two snapshots to a measurement. */
    static void addDifference(Snapshot before, Snapshot after, Measurement into) {
        after.cpu.forEach((name, value) -> into.cpuNanos.merge(name, value - before.cpu.getOrDefault(name, 0L), Long::sum));
        if (before.machineBusyNanos >= 0 && after.machineBusyNanos >= 0) {
            long measured = after.cpu.entrySet().stream().mapToLong(e -> e.getValue() - before.cpu.getOrDefault(e.getKey(), 0L)).sum();
            into.background = new Measurement.Background(Math.max(0, after.machineBusyNanos - before.machineBusyNanos - measured),
                    after.stolenNanos - before.stolenNanos,
                    before.compileMillis < 0 ? -1 : after.compileMillis - before.compileMillis);
        }
        after.commands.forEach((name, value) -> {
            long delta = value - before.commands.getOrDefault(name, 0L);
            if (delta > 0) {
                into.redisCommands.merge(name, delta, Long::sum);
            }
        });
        after.threads.forEach((id, thread) -> {
            ThreadCpu earlier = before.threads.get(id);
            long delta = thread.nanos - (earlier == null ? 0 : earlier.nanos);
            if (delta > 0) {
                into.threadCpuNanos.merge(thread.group, delta, Long::sum);
                into.threadCpuNanos.merge(thread.group + USER, thread.userNanos - (earlier == null ? 0 : earlier.userNanos), Long::sum);
            }
        });
    }

    /** A thread's group: its name with numbers replaced, so pools add up. */
    static String group(String threadName) {
        return threadName.replaceAll("[0-9]+", "N");
    }

    static final class Snapshot {
        final Map<String, Long> cpu = new HashMap<>();
        final Map<String, Long> commands = new HashMap<>();
        final Map<Long, ThreadCpu> threads = new HashMap<>();
        long machineBusyNanos = -1;
        long stolenNanos;
        long compileMillis = -1;
    }

    /** Suffix of the thread-group keys holding user-mode CPU time only. */
    static final String USER = "|user";

    record ThreadCpu(String group, long nanos, long userNanos) {
    }
}
