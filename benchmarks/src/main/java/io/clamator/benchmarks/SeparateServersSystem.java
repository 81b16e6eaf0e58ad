package io.clamator.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server-count sweep's systems, {@code clamator-java-pN}, {@code redisson-pN} and
 * {@code redisson-ack-pN}: N server processes ({@link BenchServerMain}, concurrency 16 each) on one
 * key prefix or service name, the client in the harness's JVM. Their CPU time counts as the
 * system's JVM time.
 */
final class SeparateServersSystem implements BenchSystem {

    private static final Pattern NAME = Pattern.compile("(clamator-java|redisson|redisson-ack)-p([1-9][0-9]?)");
    private static final int SERVER_CONCURRENCY = 16;

    private final String name;
    private final String kind;
    private final int serverCount;
    private final String redisUrl;
    private final String keyPrefix;
    private final Path logDir;
    private final BenchSystem client;
    private final List<ServerProcess> servers = new ArrayList<>();

    private SeparateServersSystem(String name, String kind, int serverCount, String redisUrl, String keyPrefix, Path logDir) {
        this.name = name;
        this.kind = kind;
        this.serverCount = serverCount;
        this.redisUrl = redisUrl;
        this.keyPrefix = keyPrefix;
        this.logDir = logDir;
        this.client = kind.equals("clamator-java")
                ? ClamatorJavaSystem.clientOnly(name, "clamator Java client", redisUrl, keyPrefix)
                : new RedissonSystem(redisUrl, keyPrefix, 0, kind.equals("redisson-ack"));
    }

    /** Whether {@code name} names one of these systems. */
    static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    /** {@code clamator-java}, {@code redisson} or {@code redisson-ack}: the name without its server count. */
    static String kindOf(String name) {
        return parse(name).group(1);
    }

    /** The N of {@code ...-pN}. */
    static int serverCountOf(String name) {
        return Integer.parseInt(parse(name).group(2));
    }

    static SeparateServersSystem create(String name, String redisUrl, String run, Path logDir) {
        return new SeparateServersSystem(name, kindOf(name), serverCountOf(name), redisUrl, run + "-" + name, logDir);
    }

    private static Matcher parse(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(name + " names no system with server processes of their own");
        }
        return matcher;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        String server = kind.equals("clamator-java") ? "clamator Java server (plain core)"
                : "Redisson RRemoteService server" + (kind.equals("redisson-ack") ? " (client with ack)" : " (client noAck())");
        return serverCount + " x " + server + " in JVMs of their own, concurrency " + SERVER_CONCURRENCY + " each; the client in the harness's JVM";
    }

    @Override
    public void start() throws Exception {
        String serverKind = kind.equals("clamator-java") ? "clamator" : "redisson";
        for (int i = 1; i <= serverCount; i++) {
            servers.add(ServerProcess.start(name + "-server-" + i, List.of("-Xms256m", "-Xmx256m", "-XX:+UseG1GC"),
                    System.getenv("BENCH_SERVER_OPTS"), BenchServerMain.class,
                    List.of(serverKind, redisUrl, keyPrefix, String.valueOf(SERVER_CONCURRENCY)), logDir));
        }
        client.start();
    }

    /** Each server process gets its share of the warm-up calls only: the warm-up is as many times longer as there are servers. */
    @Override
    public Duration initialWarmup(Duration runWarmup) {
        return runWarmup.multipliedBy(serverCount);
    }

    @Override
    public CompletionStage<?> call(Payload payload) {
        return client.call(payload);
    }

    @Override
    public Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            processes.put("server-" + (i + 1), servers.get(i).handle());
        }
        return processes;
    }

    @Override
    public void close() {
        client.close();
        servers.forEach(ServerProcess::close);
    }
}
