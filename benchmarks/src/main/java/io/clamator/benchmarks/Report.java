package io.clamator.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table, then one BENCH line per figure, RATIO lines and TARGET lines. MB/s counts the JSON of
 * params and results (both ways, {@link Payload#jsonBytesPerCall}); a system's JVM CPU is the
 * harness's JVM and its server JVMs together.
 */
final class Report {

    private Report() {
    }

    static String key(String system, Payload payload, int concurrency) {
        return system + "|" + payload.label + "|" + concurrency;
    }

    static void print(Options options, List<BenchSystem> systems, Map<String, Measurement> results, BenchMain.Environment environment) {
        System.out.println();
        System.out.println("== systems");
        for (BenchSystem system : systems) {
            System.out.printf("  %-24s %s%n", system.name(), system.description());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "== results (%d round(s), %.1f s warm-up + %.1f s measured window per cell; run took %d s; load average %s at start, %s at end; Redis used memory %s)%n",
                options.rounds, options.warmup.toMillis() / 1000.0, options.window.toMillis() / 1000.0, environment.seconds,
                environment.loadAtStart, environment.loadAtEnd, environment.redisMemory);
        String header = String.format(Locale.ROOT, "| %-24s | %-7s | %4s | %10s | %8s | %8s | %8s | %9s | %6s | %24s |",
                "system", "payload", "c", "calls/s", "MB/s", "p50 us", "p99 us", "p99.9 us", "errors", "CPU us/call jvm/redis/py");
        System.out.println(header);
        System.out.println(header.replaceAll("[^|]", "-"));
        for (Payload payload : options.payloads) {
            for (int concurrency : options.concurrency) {
                for (BenchSystem system : systems) {
                    Measurement m = results.get(key(system.name(), payload, concurrency));
                    if (m == null) {
                        continue;
                    }
                    System.out.printf(Locale.ROOT, "| %-24s | %-7s | %4d | %10.0f | %8.1f | %8d | %8d | %9d | %6d | %24s |%n", system.name(),
                            payload.label, concurrency, m.callsPerSecond(), megabytesPerSecond(m, payload), m.percentileMicros(50),
                            m.percentileMicros(99), m.percentileMicros(99.9), m.errors, cpu(m));
                }
            }
        }
        printUnsteady(options, systems, results);
        if (options.profile) {
            printProfile(options, systems, results);
        }
        System.out.println();
        for (Payload payload : options.payloads) {
            for (int concurrency : options.concurrency) {
                for (BenchSystem system : systems) {
                    Measurement m = results.get(key(system.name(), payload, concurrency));
                    if (m != null) {
                        System.out.printf(Locale.ROOT, "BENCH %s %s c=%d calls_per_s=%.0f mb_per_s=%.1f p50_us=%d p99_us=%d p999_us=%d%n",
                                system.name(), payload.label, concurrency, m.callsPerSecond(), megabytesPerSecond(m, payload),
                                m.percentileMicros(50), m.percentileMicros(99), m.percentileMicros(99.9));
                    }
                }
            }
        }
        printRatios(options, results);
    }

    /**
     * An {@code UNSTEADY} line for each cell whose throughput was still rising round by round, with
     * what else the machine did in each of its rounds: CPU time outside the system's processes,
     * time stolen by the hypervisor and this JVM's JIT compiling, in milliseconds. Compiling points
     * at a JVM not yet warm; CPU elsewhere or stolen time at a machine that was busy with other work.
     */
    private static void printUnsteady(Options options, List<BenchSystem> systems, Map<String, Measurement> results) {
        for (Payload payload : options.payloads) {
            for (int concurrency : options.concurrency) {
                for (BenchSystem system : systems) {
                    Measurement m = results.get(key(system.name(), payload, concurrency));
                    if (m != null && m.stillRising()) {
                        System.out.printf(Locale.ROOT, "UNSTEADY %s %s c=%d calls_per_s by round %s: still rising; raise --initial-warmup%s%n",
                                system.name(), payload.label, concurrency,
                                m.roundCallsPerSecond.stream().map(rate -> String.format(Locale.ROOT, "%.0f", rate)).toList(),
                                background(m));
                    }
                }
            }
        }
    }

    private static String background(Measurement m) {
        if (m.roundBackground.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "; ms by round: cpu elsewhere %s, stolen %s, jit %s",
                m.roundBackground.stream().map(b -> b.otherCpuNanos() / 1_000_000).toList(),
                m.roundBackground.stream().map(b -> b.stolenNanos() / 1_000_000).toList(),
                m.roundBackground.stream().map(b -> b.compileMillis()).toList());
    }

    static double megabytesPerSecond(Measurement m, Payload payload) {
        return m.callsPerSecond() * payload.jsonBytesPerCall / 1e6;
    }

    private static String cpu(Measurement m) {
        double py = 0;
        double jvm = 0;
        boolean hasPython = false;
        for (Map.Entry<String, Long> entry : m.cpuNanos.entrySet()) {
            if (entry.getKey().startsWith("py-")) {
                py += m.cpuMicrosPerCall(entry.getKey());
                hasPython = true;
            } else if (!entry.getKey().equals("redis")) {
                jvm += m.cpuMicrosPerCall(entry.getKey());
            }
        }
        return String.format(Locale.ROOT, "%.0f / %.0f / %s", m.cpuNanos.isEmpty() ? Double.NaN : jvm, m.cpuMicrosPerCall("redis"),
                hasPython ? String.format(Locale.ROOT, "%.0f", py) : "-");
    }

    private static void printProfile(Options options, List<BenchSystem> systems, Map<String, Measurement> results) {
        System.out.println();
        System.out.println("== profile: CPU us per call by process and by JVM thread group (of which in user mode); Redis commands per call (Redis us per call)");
        for (Payload payload : options.payloads) {
            for (int concurrency : options.concurrency) {
                for (BenchSystem system : systems) {
                    Measurement m = results.get(key(system.name(), payload, concurrency));
                    if (m == null || m.calls() == 0) {
                        continue;
                    }
                    double calls = m.calls();
                    String processes = m.cpuNanos.entrySet().stream()
                            .map(e -> String.format(Locale.ROOT, "%s=%.1f", e.getKey(), e.getValue() / 1000.0 / calls))
                            .collect(Collectors.joining(" "));
                    String threads = m.threadCpuNanos.entrySet().stream()
                            .filter(e -> !e.getKey().endsWith(ResourceProbe.USER) && e.getValue() / 1000.0 / calls >= 0.5)
                            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                            .map(e -> String.format(Locale.ROOT, "%s=%.1f(user %.1f)", e.getKey(), e.getValue() / 1000.0 / calls,
                                    m.threadCpuNanos.getOrDefault(e.getKey() + ResourceProbe.USER, 0L) / 1000.0 / calls))
                            .collect(Collectors.joining(" "));
                    String commands = m.redisCommands.entrySet().stream()
                            .filter(e -> !e.getKey().endsWith(".usec") && !e.getKey().equals("info"))
                            .map(e -> {
                                Long usec = m.redisCommands.get(e.getKey() + ".usec");
                                return String.format(Locale.ROOT, "%s=%.2f(%.1fus)", e.getKey(), e.getValue() / calls,
                                        usec == null ? 0.0 : usec / calls);
                            })
                            .collect(Collectors.joining(" "));
                    System.out.printf(Locale.ROOT, "PROFILE %s %s c=%d cpu: %s%n", system.name(), payload.label, concurrency, processes);
                    System.out.printf(Locale.ROOT, "PROFILE %s %s c=%d threads: %s%n", system.name(), payload.label, concurrency, threads);
                    System.out.printf(Locale.ROOT, "PROFILE %s %s c=%d redis: %s%n", system.name(), payload.label, concurrency, commands);
                }
            }
        }
    }

    private static void printRatios(Options options, Map<String, Measurement> results) {
        System.out.println();
        Map<String, Double> ratios = new LinkedHashMap<>();
        // clamator_vs_<other>_c64 for the small payload, clamator_vs_<other>_c64_<payload> for the others
        for (Payload payload : options.payloads) {
            String suffix = payload == Payload.SMALL ? "" : "_" + payload.label;
            for (String other : List.of("redisson", "redisson-ack", "python", "grpc")) {
                String name = other.equals("redisson-ack") ? "redisson_default" : other;
                ratio(ratios, "clamator_vs_" + name + "_c64" + suffix, throughputRatio(results, "clamator-java-s16", other, payload, 64));
            }
        }
        for (String system : options.systems) {
            if (SeparateServersSystem.isName(system) && SeparateServersSystem.serverCountOf(system) > 1) {
                String one = SeparateServersSystem.kindOf(system) + "-p1";
                if (options.systems.contains(one)) {
                    for (Payload payload : options.payloads) {
                        ratio(ratios, system.replace('-', '_') + "_vs_p1_c64_" + payload.label,
                                throughputRatio(results, system, one, payload, 64));
                    }
                }
            }
        }
        ratio(ratios, "clamator_vs_redisson_p50_c1", p50Ratio(results, "clamator-java-s1", "redisson", Payload.SMALL, 1));
        ratio(ratios, "clamator_s16_vs_redisson_p50_c1", p50Ratio(results, "clamator-java-s16", "redisson", Payload.SMALL, 1));
        ratio(ratios, "clamator_vs_redisson_p50_c1_4k", p50Ratio(results, "clamator-java-s1", "redisson", Payload.KIB4, 1));
        ratio(ratios, "java_to_python_vs_python_c64", throughputRatio(results, "java-to-python", "python", Payload.SMALL, 64));
        ratio(ratios, "starter_vs_core_c64", throughputRatio(results, "clamator-starter-s16", "clamator-java-s16", Payload.SMALL, 64));
        ratio(ratios, "observed_vs_plain_c64", throughputRatio(results, "clamator-java-s16-observed", "clamator-java-s16", Payload.SMALL, 64));
        ratio(ratios, "clamator_vs_grpc_p50_c1", p50Ratio(results, "clamator-java-s1", "grpc", Payload.SMALL, 1));
        System.out.println();
        Measurement sequential = results.get(key("clamator-java-s1", Payload.SMALL, 1));
        target("throughput_c64_vs_redisson", ratios.get("clamator_vs_redisson_c64"), ">=", 8);
        target("clamator_vs_redisson_default_c64", ratios.get("clamator_vs_redisson_default_c64"), ">=", 10);
        target("clamator_vs_redisson_default_c64_4k", ratios.get("clamator_vs_redisson_default_c64_4k"), ">=", 5);
        target("throughput_c64_vs_python", ratios.get("clamator_vs_python_c64"), ">=", 10);
        target("p50_c1_us", sequential == null ? null : (double) sequential.percentileMicros(50), "<=", 250);
        target("p50_c1_vs_redisson", ratios.get("clamator_vs_redisson_p50_c1"), "<=", 0.6);
        target("observed_vs_plain_c64", ratios.get("observed_vs_plain_c64"), ">=", 0.9);
        target("starter_vs_core_c64", ratios.get("starter_vs_core_c64"), ">=", 0.95);
        target("clamator_vs_grpc_c64", ratios.get("clamator_vs_grpc_c64"), ">=", 0.8);
    }

    private static Double throughputRatio(Map<String, Measurement> results, String system, String other, Payload payload, int concurrency) {
        Measurement a = results.get(key(system, payload, concurrency));
        Measurement b = results.get(key(other, payload, concurrency));
        if (a == null || b == null || b.callsPerSecond() == 0) {
            return null;
        }
        return a.callsPerSecond() / b.callsPerSecond();
    }

    private static Double p50Ratio(Map<String, Measurement> results, String system, String other, Payload payload, int concurrency) {
        Measurement a = results.get(key(system, payload, concurrency));
        Measurement b = results.get(key(other, payload, concurrency));
        if (a == null || b == null || b.calls() == 0 || a.calls() == 0) {
            return null;
        }
        return (double) a.latencies.getValueAtPercentile(50) / b.latencies.getValueAtPercentile(50);
    }

    /** Prints a RATIO line, and keeps the figure for the TARGET lines; nothing when a system was not measured. */
    private static void ratio(Map<String, Double> ratios, String name, Double value) {
        if (value != null) {
            ratios.put(name, value);
            System.out.printf(Locale.ROOT, "RATIO %s %.2f%n", name, value);
        }
    }

    private static void target(String name, Double value, String comparison, double limit) {
        if (value == null) {
            return;
        }
        boolean met = comparison.equals(">=") ? value >= limit : value <= limit;
        System.out.printf(Locale.ROOT, "TARGET %s %s %.2f (target %s %s)%n", name, met ? "met" : "missed", value, comparison,
                limit == Math.rint(limit) ? String.valueOf((long) limit) : String.valueOf(limit));
    }
}
