package io.clamator.test.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} child process on a fixed loopback port, without persistence, working in a temporary
 * directory that also holds its output. Restarts reuse the port and the directory.
 */
final class ProcessControl implements ServerControl {

    private static final long STOP_TIMEOUT_SECONDS = 10;
    private static final int OUTPUT_TAIL_CHARS = 4_000;

    private final RedisBinary binary;
    private final RedisEndpoint endpoint;
    private final TlsListener tls;
    private final Path workDir;
    private final Path output;
    private final List<String> extraArguments;
    private final Thread shutdownHook;
    private Process process;

    private ProcessControl(RedisBinary binary, RedisEndpoint endpoint, boolean withTls, List<String> extraArguments)
            throws IOException {
        this.binary = binary;
        this.endpoint = endpoint;
        this.extraArguments = List.copyOf(extraArguments);
        this.workDir = Files.createTempDirectory("clamator-test-redis-");
        this.tls = withTls ? new TlsListener(LoopbackPorts.findFree(), TestCertificates.generate(workDir.resolve("tls"))) : null;
        this.output = workDir.resolve("redis-server.log");
        this.shutdownHook = ShutdownHooks.register("clamator-test-redis-" + endpoint.port(), this::terminate);
    }

    /** Starts {@code binary} on a free loopback port and returns it once it answers PING. */
    static TestRedisServer startServer(RedisBinary binary) {
        return startServer(binary, false);
    }

    /**
     * Starts {@code binary} on a free loopback port and, with {@code withTls}, on a second one that
     * speaks TLS only, with certificates generated for it; returns it once it answers PING.
     */
    static TestRedisServer startServer(RedisBinary binary, boolean withTls) {
        return startServer(binary, withTls, List.of());
    }

    /**
     * Starts {@code binary} on a free loopback port with further {@code redis-server} arguments
     * (which may override the defaults, e.g. {@code --appendonly yes}); returns it once it answers PING.
     */
    static TestRedisServer startServer(RedisBinary binary, List<String> extraArguments) {
        return startServer(binary, false, extraArguments);
    }

    private static TestRedisServer startServer(RedisBinary binary, boolean withTls, List<String> extraArguments) {
        RedisEndpoint endpoint = RedisEndpoint.of(LoopbackPorts.HOST, LoopbackPorts.findFree());
        ProcessControl control;
        try {
            control = new ProcessControl(binary, endpoint, withTls, extraArguments);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a working directory for redis-server", e);
        }
        try {
            control.start();
        } catch (RuntimeException e) {
            control.close();
            throw e;
        }
        return new TestRedisServer(endpoint, endpoint.url(), binary.description(), control, control.tls);
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(binary.executable().toString(),
                "--port", Integer.toString(endpoint.port()),
                "--bind", endpoint.host(),
                "--save", "",
                "--appendonly", "no",
                "--dir", workDir.toString()));
        if (tls != null) {
            command.addAll(List.of("--tls-port", Integer.toString(tls.port()),
                    "--tls-cert-file", tls.certificates().serverCertificate().toString(),
                    "--tls-key-file", tls.certificates().serverKey().toString(),
                    "--tls-ca-cert-file", tls.certificates().caCertificate().toString(),
                    "--tls-auth-clients", "no"));
        }
        command.addAll(extraArguments);
        try {
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + binary.executable(), e);
        }
        Process started = process;
        if (!endpoint.awaitPong(RedisEndpoint.STARTUP_TIMEOUT, started::isAlive)) {
            String state = started.isAlive()
                    ? "did not answer PING within " + RedisEndpoint.STARTUP_TIMEOUT.toSeconds() + " s"
                    : "exited with code " + started.exitValue();
            stop();
            throw new IllegalStateException(binary.description() + " on port " + endpoint.port() + " " + state
                    + "; its output:\n" + outputTail());
        }
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping redis-server on port " + endpoint.port(), e);
        } finally {
            process = null;
        }
    }

    @Override
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while killing redis-server on port " + endpoint.port(), e);
        } finally {
            process = null;
        }
    }

    @Override
    public synchronized void freeze() {
        signal("STOP");
    }

    @Override
    public synchronized void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + endpoint.port() + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + kill.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot send SIG" + name + " to redis-server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SIG" + name + " to redis-server", e);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        ShutdownHooks.unregister(shutdownHook);
        terminate();
    }

    private synchronized void terminate() {
        stop();
        deleteWorkDir();
    }

    private String outputTail() {
        try {
            String text = Files.readString(output, StandardCharsets.UTF_8);
            return text.length() <= OUTPUT_TAIL_CHARS ? text : text.substring(text.length() - OUTPUT_TAIL_CHARS);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private void deleteWorkDir() {
        if (!Files.exists(workDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(workDir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + workDir, e);
        }
    }
}
