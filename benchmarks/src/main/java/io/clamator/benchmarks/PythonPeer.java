package io.clamator.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A {@code bench_peer.py} process (server or driver), talked to over its stdin and stdout. */
final class PythonPeer implements AutoCloseable {

    private final String role;
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path log;

    private PythonPeer(String role, Process process, Path log) {
        this.role = role;
        this.process = process;
        this.log = log;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts a peer and waits for its READY line. */
    static PythonPeer start(PythonSetup python, String role, String redisUrl, String keyPrefix) throws IOException {
        Path log = python.logDir().resolve("python-" + role + ".log");
        Process process = new ProcessBuilder(python.interpreter().toString(), python.peerScript().toString(), role,
                "--redis-url", redisUrl, "--prefix", keyPrefix)
                .redirectError(log.toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        PythonPeer peer = new PythonPeer(role, process, log);
        String first = peer.readLine();
        if (!"READY".equals(first)) {
            peer.close();
            throw new IllegalStateException("python " + role + " did not start (said " + first + "); see " + log);
        }
        return peer;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    void send(String line) throws IOException {
        in.write(line);
        in.write('\n');
        in.flush();
    }

    String readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("python " + role + " ended; see " + log);
        }
        return line;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }

    /** Where the interpreter (with the clamator packages) and the peer script are. */
    record PythonSetup(Path interpreter, Path peerScript, Path logDir) {
    }
}
