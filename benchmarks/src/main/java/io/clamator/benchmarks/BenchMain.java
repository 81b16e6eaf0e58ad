package io.clamator.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark harness: starts (or finds) one Redis, starts every system on it, and measures them
 * alternately for each payload and caller concurrency; or, with {@code --soak}, measures heap after
 * GC over a long run of calls. See docs/performance.md.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(options.logDir);
        String loadAtStart = Environment.loadAverage();
        String source = System.getenv("BENCH_SOURCE");
        try (RedisHarness redis = RedisHarness.startOrConnect(options.logDir)) {
            String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            redis.startJanitor();
            Environment environment = new Environment(redis, loadAtStart, source);
            System.out.println(environment.header());
            if (options.soak) {
                Soak.run(options, redis, run);
            } else if (options.components) {
                Components.run(redis, run);
            } else if (options.shards) {
                Shards.run(redis, run);
            } else if (options.breakdown) {
                Breakdown.run(redis, run);
            } else {
                measureAll(options, redis, run, environment);
            }
            if (System.getenv("REDIS_URL") != null) {
                redis.deleteKeys(run + "*");
                redis.deleteKeys("{" + run + "*");
            }
        }
        System.exit(0);
    }

    private static void measureAll(Options options, RedisHarness redis, String run, Environment environment) throws Exception {
        List<BenchSystem> systems = createSystems(options, redis, run);
        Map<String, Measurement> results = new LinkedHashMap<>();
        long started = System.nanoTime();
        try {
            for (BenchSystem system : systems) {
                System.out.println("starting " + system.name() + ": " + system.description());
                system.start();
                verify(system, options.payloads);
            }
            System.out.println("initial warm-up: " + options.initialWarmup.toMillis() + " ms per system (and server process) and payload at concurrency 16");
            for (Payload payload : options.payloads) {
                for (BenchSystem system : systems) {
                    requireProcessesAlive(system, options.logDir);
                    system.measure(payload, 16, system.initialWarmup(options.initialWarmup), Duration.ofMillis(100), null);
                }
            }
            int cell = 0;
            for (int round = 1; round <= options.rounds; round++) {
                for (Payload payload : options.payloads) {
                    for (int concurrency : options.concurrency) {
                        // each cell starts with the next system, so that no system always follows the same one
                        List<BenchSystem> order = new ArrayList<>(systems);
                        Collections.rotate(order, -(cell++ % systems.size()));
                        for (BenchSystem system : order) {
                            requireProcessesAlive(system, options.logDir);
                            ResourceProbe probe = new ResourceProbe(redis, system.processes());
                            Measurement measurement = system.measure(payload, concurrency, options.warmup, options.window, probe);
                            String key = Report.key(system.name(), payload, concurrency);
                            results.computeIfAbsent(key, k -> new Measurement()).add(measurement);
                            System.out.printf("  round %d %-24s %-5s c=%-3d %9.0f calls/s  p50 %6d us  p99 %7d us%s%n", round, system.name(),
                                    payload.label, concurrency, measurement.callsPerSecond(), measurement.percentileMicros(50),
                                    measurement.percentileMicros(99), measurement.errors > 0 ? "  errors " + measurement.errors : "");
                        }
                    }
                }
            }
        } finally {
            for (BenchSystem system : systems) {
                try {
                    system.close();
                } catch (RuntimeException e) {
                    System.err.println("closing " + system.name() + ": " + e);
                }
            }
        }
        long elapsed = System.nanoTime() - started;
        environment.finish(redis, TimeUnit.NANOSECONDS.toSeconds(elapsed));
        Report.print(options, systems, results, environment);
        if (options.charts != null) {
            Charts.write(options.charts, options, systems, results).forEach(file -> System.out.println("CHART " + file));
        }
    }

    private static List<BenchSystem> createSystems(Options options, RedisHarness redis, String run) {
        PythonServer pythonServer = null;
        if (options.needsPython()) {
            PythonPeer.PythonSetup python = new PythonPeer.PythonSetup(options.python, options.pythonPeer, options.logDir);
            if (!Files.isExecutable(options.python) || !Files.isRegularFile(options.pythonPeer)) {
                throw new IllegalStateException("no Python interpreter at " + options.python + " or no peer script at " + options.pythonPeer
                        + "; benchmarks/run.sh creates the venv (or leave out the python systems with --systems)");
            }
            pythonServer = new PythonServer(python, redis.url, run + "-py");
            redis.trimCommandStream(run + "-py:cmds:arith");
        }
        List<BenchSystem> systems = new ArrayList<>();
        for (String name : options.systems) {
            BenchSystem system = switch (name) {
                case "clamator-java-s1" -> ClamatorJavaSystem.javaPair(redis.url, run + "-s1", 1);
                case "clamator-java-s16" -> ClamatorJavaSystem.javaPair(redis.url, run + "-s16", 16);
                case "clamator-java-s16-observed" -> ClamatorJavaSystem.observed(redis.url, run + "-s16-observed");
                case "clamator-java-s16-serial" -> ClamatorJavaSystem.serializedHandlers(redis.url, run + "-s16-serial");
                case "clamator-java-s1-inline" -> ClamatorJavaSystem.inlineHandlers(redis.url, run + "-s1-inline");
                case "clamator-starter-s16" -> new StarterSystem(redis.url, run + "-starter-s16", 16, options.logDir);
                case "redisson" -> new RedissonSystem(redis.url, run + "-redisson", 16, false);
                case "redisson-ack" -> new RedissonSystem(redis.url, run + "-redisson-ack", 16, true);
                case "python" -> new PythonPairSystem(
                        new PythonPeer.PythonSetup(options.python, options.pythonPeer, options.logDir), redis.url, run + "-py", pythonServer);
                case "java-to-python" -> new JavaToPythonSystem(redis.url, pythonServer);
                case "grpc" -> new GrpcSystem();
                default -> SeparateServersSystem.create(name, redis.url, run, options.logDir);
            };
            systems.add(system);
        }
        return systems;
    }

    /** Fails with where to look when a process of the system has ended: its calls would only time out, its CPU time read 0. */
    private static void requireProcessesAlive(BenchSystem system, Path logDir) {
        system.processes().forEach((name, process) -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(system.name() + ": its process " + name + " has ended; see the logs in " + logDir);
            }
        });
    }

    /** One call per payload of the run, checking the answers, before anything is measured. */
    private static void verify(BenchSystem system, List<Payload> payloads) throws Exception {
        for (Payload payload : payloads) {
            CompletionStage<?> call = system.call(payload);
            if (call == null) {
                return;
            }
            Object result = call.toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (!payload.isAnswer(result)) {
                throw new IllegalStateException(system.name() + " answered " + payload.label + " wrongly: " + result);
            }
        }
    }

    /** Machine, versions and load, for the report. */
    static final class Environment {
        final String started = Instant.now().toString();
        final String loadAtStart;
        String loadAtEnd;
        final String redisVersion;
        final String redisDescription;
        String redisMemory;
        long seconds;

        final String source;

        Environment(RedisHarness redis, String loadAtStart, String source) {
            this.loadAtStart = loadAtStart;
            this.source = source == null || source.isBlank() ? "unknown" : source;
            this.redisVersion = redis.version();
            this.redisDescription = redis.description;
        }

        void finish(RedisHarness redis, long seconds) {
            this.loadAtEnd = loadAverage();
            this.redisMemory = redis.usedMemoryHuman();
            this.seconds = seconds;
        }

        String header() {
            return "clamator benchmark " + started + "\n"
                    + "source: " + source + "\n"
                    + "machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + "\n"
                    + "java: " + System.getProperty("java.vm.name") + " " + Runtime.version() + ", max heap "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, "
                    + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments() + "\n"
                    + "redis: " + redisVersion + " (" + redisDescription + ")\n"
                    + "load average at start: " + loadAtStart;
        }

        static String loadAverage() {
            try {
                String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return parts[0] + " " + parts[1] + " " + parts[2];
            } catch (Exception e) {
                return "unknown";
            }
        }

        static String cpuModel() {
            try {
                return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
            } catch (Exception e) {
                return "unknown CPU";
            }
        }
    }
}
