package io.clamator.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of every process a measurement involves (this JVM, Redis, Python peers), this JVM's CPU
 * time per thread group, and Redis's command counters, taken before and after a measured window.
 */
final class ResourceProbe {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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

    /** Adds what happened between two snapshots to a measurement. */
    static void addDifference(Snapshot before, Snapshot after, Measurement into) {
        after.cpu.forEach((name, value) -> into.cpuNanos.merge(name, value - before.cpu.getOrDefault(name, 0L), Long::sum));
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
    }

    /** Suffix of the thread-group keys holding user-mode CPU time only. */
    static final String USER = "|user";

    record ThreadCpu(String group, long nanos, long userNanos) {
    }
}
