package io.clamator.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Command-line options of the harness; {@code --help} lists them. */
final class Options {

    static final List<String> ALL_SYSTEMS = List.of("clamator-java-s1", "clamator-java-s16", "clamator-java-s16-observed",
            "clamator-starter-s16", "redisson",
            "redisson-ack", "python", "grpc");
    static final List<String> SERVER_SWEEP_SYSTEMS = List.of("clamator-java-p1", "clamator-java-p2", "clamator-java-p4",
            "redisson-p1", "redisson-p2", "redisson-p4");
    static final List<String> OPTIONAL_SYSTEMS = List.of("java-to-python", "clamator-java-s16-serial", "clamator-java-s1-inline");

    List<String> systems = ALL_SYSTEMS;
    List<Payload> payloads = List.of(Payload.SMALL, Payload.KIB4);
    List<Integer> concurrency = List.of(1, 16, 64, 256);
    Duration initialWarmup = Duration.ofSeconds(3);
    Duration warmup = Duration.ofMillis(500);
    Duration window = Duration.ofSeconds(2);
    int rounds = 3;
    boolean profile;
    boolean soak;
    boolean components;
    boolean shards;
    Path charts;
    boolean breakdown;
    boolean payloadSweep;
    boolean serverSweep;
    long soakCalls = 1_000_000;
    int soakConcurrency = 64;
    Path python = Path.of("benchmarks/target/venv/bin/python");
    Path pythonPeer = Path.of("benchmarks/python/bench_peer.py");
    Path logDir = Path.of("benchmarks/target/bench-logs");

    static final String USAGE = """
            Usage: benchmarks/run.sh [options]
              --systems a,b,...      systems to measure (default: %s; also: %s)
              --payloads small,4k    payloads (default: small,4k; also 64b, 64k, 1m)
              --concurrency 1,16,..  caller concurrency levels (default: 1,16,64,256)
              --initial-warmup S     seconds of unmeasured calls per system and payload first (default 3)
              --warmup S             unmeasured seconds before each measured window (default 0.5)
              --window S             measured seconds per system, payload and concurrency (default 2)
              --rounds N             repeat the whole alternation N times, merging the windows (default 3)
              --quick                a smoke run: --initial-warmup 0.5 --warmup 0.3 --window 1 --rounds 1
              --profile              also print per-window CPU per thread group and Redis commands per call
              --soak                 soak mode instead: heap after GC at 100k and 1M calls (clamator-java-s16)
              --soak-calls N         calls of the soak (default 1000000)
              --soak-concurrency N   caller concurrency of the soak (default 64)
              --components           component measurements behind the core proposals instead (about 2 minutes)
              --charts DIR           also write the run's charts there as SVG (throughput, p50 and p99 against concurrency;
                                     calls/s and MB/s by payload; throughput by server processes)
              --shards               three deployments on the one Redis, then on a local Redis Cluster of three masters (about 2 minutes)
              --breakdown            where the time of a sequential call goes: request leg, handler, reply leg
              --payload-sweep        payloads 64b,4k,64k,1m at concurrency 1,16,64, one round (about 6 minutes); --systems,
                                     --payloads, --concurrency, --rounds, --initial-warmup and --quick still apply
              --server-sweep         1, 2 and 4 server processes for clamator and Redisson (systems %s),
                                     payloads small,4k at concurrency 16,64,256, 10 s initial warm-up per server
                                     process, one round (about 7 minutes)
              --python PATH          Python interpreter with the clamator packages (default %s)
              --python-peer PATH     bench_peer.py (default %s)
              --log-dir PATH         Redis and Python logs (default benchmarks/target/bench-logs)
            Redis: $REDIS_URL if set, else a redis-server from the PATH ($REDIS_SERVER) on a free port.
            """;

    static Options parse(String[] args) {
        Options options = new Options();
        List<String> given = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            given.add(arg);
            switch (arg) {
                case "--systems" -> options.systems = list(args[++i]);
                case "--payloads" -> options.payloads = list(args[++i]).stream().map(Payload::byLabel).toList();
                case "--concurrency" -> options.concurrency = list(args[++i]).stream().map(Integer::parseInt).toList();
                case "--initial-warmup" -> options.initialWarmup = seconds(args[++i]);
                case "--warmup" -> options.warmup = seconds(args[++i]);
                case "--window" -> options.window = seconds(args[++i]);
                case "--rounds" -> options.rounds = Integer.parseInt(args[++i]);
                case "--quick" -> {
                    options.initialWarmup = seconds("0.5");
                    options.warmup = seconds("0.3");
                    options.window = seconds("1");
                    options.rounds = 1;
                }
                case "--profile" -> options.profile = true;
                case "--soak" -> options.soak = true;
                case "--components" -> options.components = true;
                case "--shards" -> options.shards = true;
                case "--charts" -> options.charts = Path.of(args[++i]);
                case "--breakdown" -> options.breakdown = true;
                case "--payload-sweep" -> options.payloadSweep = true;
                case "--server-sweep" -> options.serverSweep = true;
                case "--soak-calls" -> options.soakCalls = Long.parseLong(args[++i]);
                case "--soak-concurrency" -> options.soakConcurrency = Integer.parseInt(args[++i]);
                case "--python" -> options.python = Path.of(args[++i]);
                case "--python-peer" -> options.pythonPeer = Path.of(args[++i]);
                case "--log-dir" -> options.logDir = Path.of(args[++i]);
                case "--help", "-h" -> {
                    System.out.print(usage());
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + usage());
            }
        }
        if (options.payloadSweep && options.serverSweep) {
            throw new IllegalArgumentException("--payload-sweep and --server-sweep are separate runs; give one of them");
        }
        if (options.payloadSweep) {
            options.sweep(given, List.of(Payload.B64, Payload.KIB4, Payload.KIB64, Payload.MIB1), List.of(1, 16, 64), ALL_SYSTEMS,
                    options.initialWarmup);
        } else if (options.serverSweep) {
            // fourteen server JVMs share the cores: each needs longer before its JIT has compiled the path measured
            // (and a system with N servers warms up N times as long)
            options.sweep(given, List.of(Payload.SMALL, Payload.KIB4), List.of(16, 64, 256), SERVER_SWEEP_SYSTEMS, Duration.ofSeconds(10));
        }
        List<String> known = new ArrayList<>(ALL_SYSTEMS);
        known.addAll(OPTIONAL_SYSTEMS);
        for (String system : options.systems) {
            if (!known.contains(system) && !SeparateServersSystem.isName(system)) {
                throw new IllegalArgumentException("unknown system " + system + "; known: " + known
                        + " and clamator-java-pN, redisson-pN, redisson-ack-pN (N server processes)");
            }
        }
        return options;
    }

    /** A sweep's payloads, concurrency levels, systems, initial warm-up and a single round, where the command line does not say otherwise. */
    private void sweep(List<String> given, List<Payload> sweepPayloads, List<Integer> sweepConcurrency, List<String> sweepSystems,
                       Duration sweepInitialWarmup) {
        if (!given.contains("--payloads")) {
            payloads = sweepPayloads;
        }
        if (!given.contains("--concurrency")) {
            concurrency = sweepConcurrency;
        }
        if (!given.contains("--systems")) {
            systems = sweepSystems;
        }
        if (!given.contains("--quick")) {
            if (!given.contains("--rounds")) {
                rounds = 1;
            }
            if (!given.contains("--initial-warmup")) {
                initialWarmup = sweepInitialWarmup;
            }
        }
    }

    static String usage() {
        return USAGE.formatted(String.join(",", ALL_SYSTEMS), String.join(",", OPTIONAL_SYSTEMS), String.join(",", SERVER_SWEEP_SYSTEMS),
                "benchmarks/target/venv/bin/python", "benchmarks/python/bench_peer.py");
    }

    boolean needsPython() {
        return systems.contains("python") || systems.contains("java-to-python");
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Duration seconds(String value) {
        return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }
}
