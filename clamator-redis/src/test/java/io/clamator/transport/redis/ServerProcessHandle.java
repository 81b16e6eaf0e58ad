package io.clamator.transport.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A running {@link ArithServerProcess} and the lines it printed. */
final class ServerProcessHandle implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ServerProcessHandle(Process process) {
        this.process = process;
        this.reader = new Thread(this::collect, "server-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ServerProcessHandle start(String redisUrl, String keyPrefix, String instanceId, Duration claimIdle) throws IOException {
        return start(redisUrl, keyPrefix, instanceId, claimIdle, 5);
    }

    static ServerProcessHandle start(String redisUrl, String keyPrefix, String instanceId, Duration claimIdle, int maxDeliveries)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ArithServerProcess.class.getName(), redisUrl, keyPrefix, instanceId, Long.toString(claimIdle.toMillis()),
                Integer.toString(maxDeliveries));
        builder.redirectErrorStream(true);
        return new ServerProcessHandle(builder.start());
    }

    private void collect() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("output ended: " + e);
        }
    }

    boolean printed(String line) {
        return lines.contains(line);
    }

    long count(String line) {
        return lines.stream().filter(line::equals).count();
    }

    /** SIGTERM, then the {@code HANDLED:<n>} count it printed while shutting down. */
    int terminateAndCountHandled() throws InterruptedException {
        process.toHandle().destroy(); // unlike Process.destroy(), keeps the output stream open
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("server process did not exit; output: " + lines);
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        return lines.stream().filter(line -> line.startsWith("HANDLED:"))
                .map(line -> Integer.parseInt(line.substring("HANDLED:".length())))
                .findFirst().orElseThrow(() -> new AssertionError("no HANDLED line; output: " + lines));
    }

    /** SIGKILL: no shutdown hook, nothing acknowledged. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> output() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
