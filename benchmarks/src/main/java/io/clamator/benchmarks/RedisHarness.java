package io.clamator.benchmarks;

import io.lettuce.core.RedisClient;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one Redis every system is measured on: {@code $REDIS_URL} when set, else a {@code redis-server}
 * from the PATH started on a free loopback port (no persistence) and stopped at the end. Also reads
 * Redis's own CPU time and command statistics, and trims the command streams the clamator servers
 * never trim, so that memory stays flat however many calls a run makes.
 */
final class RedisHarness implements AutoCloseable, ResourceProbe.RedisFigures {

    /** Entries kept per command stream; far more than the calls ever outstanding (at most the caller concurrency). */
    private static final long COMMAND_STREAM_KEEP = 5_000;

    final String url;
    final String description;
    private final Process process;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> commands;
    private final List<String> trimmedStreams = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService janitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-janitor");
        thread.setDaemon(true);
        return thread;
    });
    private StatefulRedisConnection<String, String> janitorConnection;

    private RedisHarness(String url, String description, Process process) {
        this.url = url;
        this.description = description;
        this.process = process;
        this.client = RedisClient.create(url);
        this.connection = client.connect();
        this.commands = connection.sync();
    }

    static RedisHarness startOrConnect(Path logDir) throws IOException, InterruptedException {
        String fromEnvironment = System.getenv("REDIS_URL");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new RedisHarness(fromEnvironment, "$REDIS_URL", null);
        }
        String binary = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
        int port = freePort();
        Files.createDirectories(logDir);
        File log = logDir.resolve("redis-server.log").toFile();
        Process process;
        try {
            process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--dir", logDir.toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(log).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary + " (" + e.getMessage()
                    + "): install Redis 6.2 or newer, set $REDIS_SERVER to its redis-server, or set $REDIS_URL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        String url = "redis://127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(binary + " exited with " + process.exitValue() + "; see " + log);
            }
            try (ServerSocketProbe probe = new ServerSocketProbe(port)) {
                if (probe.connected()) {
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                process.destroy();
                throw new IllegalStateException(binary + " did not listen on port " + port + " within 15 s; see " + log);
            }
            Thread.sleep(50);
        }
        return new RedisHarness(url, binary + " on port " + port, process);
    }

    String version() {
        return info("server").getOrDefault("redis_version", "?");
    }

    /** The Redis server's process id, if this harness started it. */
    ProcessHandle processHandle() {
        return process == null ? null : process.toHandle();
    }

    /**
     * Trims this command stream from now on, every half second ({@code XTRIM MAXLEN ~ ... LIMIT 0}:
     * without {@code LIMIT 0}, an approximate trim removes at most 10 000 entries per call, fewer
     * than a fast system adds in half a second).
     */
    void trimCommandStream(String key) {
        trimmedStreams.add(key);
    }

    void startJanitor() {
        janitorConnection = client.connect();
        RedisCommands<String, String> janitorCommands = janitorConnection.sync();
        janitor.scheduleWithFixedDelay(() -> {
            for (String stream : trimmedStreams) {
                try {
                    janitorCommands.xtrim(stream, XTrimArgs.Builder.maxlen(COMMAND_STREAM_KEEP).approximateTrimming().limit(0));
                } catch (RuntimeException e) {
                    // the next round tries again
                }
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** The number of entries in a stream ({@code XLEN}). */
    long streamLength(String key) {
        return commands.xlen(key);
    }

    /** One INFO section as a map. */
    Map<String, String> info(String section) {
        return parseInfo(commands.info(section));
    }

    /** The text of an INFO section as a map of its fields. */
    static Map<String, String> parseInfo(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                values.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return values;
    }

    /** Redis's CPU time, user plus system, in nanoseconds. */
    @Override
    public Map<String, Long> cpuNanosByPart() {
        return Map.of("redis", cpuNanos());
    }

    long cpuNanos() {
        return cpuNanos(info("cpu"));
    }

    /** The CPU time, user plus system, in nanoseconds, of an INFO cpu section. */
    static long cpuNanos(Map<String, String> cpu) {
        double seconds = Double.parseDouble(cpu.getOrDefault("used_cpu_user", "0")) + Double.parseDouble(cpu.getOrDefault("used_cpu_sys", "0"));
        return Math.round(seconds * 1e9);
    }

    @Override
    public Map<String, Long> commandStats() {
        Map<String, Long> stats = new HashMap<>();
        info("commandstats").forEach((key, value) -> {
            if (!key.startsWith("cmdstat_")) {
                return;
            }
            String command = key.substring("cmdstat_".length());
            for (String part : value.split(",")) {
                int eq = part.indexOf('=');
                String name = part.substring(0, eq);
                if (name.equals("calls")) {
                    stats.put(command, Long.parseLong(part.substring(eq + 1)));
                } else if (name.equals("usec")) {
                    stats.put(command + ".usec", Long.parseLong(part.substring(eq + 1)));
                }
            }
        });
        return stats;
    }

    /** Deletes every key under a prefix (used for a shared $REDIS_URL). */
    void deleteKeys(String pattern) {
        List<String> keys = commands.keys(pattern);
        if (!keys.isEmpty()) {
            commands.del(keys.toArray(String[]::new));
        }
    }

    String usedMemoryHuman() {
        return info("memory").getOrDefault("used_memory_human", "?");
    }

    @Override
    public void close() {
        janitor.shutdownNow();
        if (janitorConnection != null) {
            janitorConnection.close();
        }
        connection.close();
        client.shutdown();
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether something accepts connections on a loopback port. */
    private static final class ServerSocketProbe implements AutoCloseable {
        private final java.net.Socket socket = new java.net.Socket();
        private final boolean connected;

        ServerSocketProbe(int port) {
            boolean ok;
            try {
                socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                ok = true;
            } catch (IOException e) {
                ok = false;
            }
            connected = ok;
        }

        boolean connected() {
            return connected;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
