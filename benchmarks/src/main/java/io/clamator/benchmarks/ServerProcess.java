package io.clamator.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server of a system in a JVM of its own, on the harness's class path: started with a main class
 * and its arguments, ready once it prints {@code READY}; its standard error goes to a log file,
 * what it prints after {@code READY} to another. Stopped with a SIGTERM (its shutdown hooks stop
 * the server), forcibly after 15 s.
 */
final class ServerProcess implements AutoCloseable {

    private static final long READY_WITHIN_SECONDS = 120;

    private final String name;
    private final Process process;

    private ServerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts the JVM and waits (up to two minutes) until it serves.
     *
     * @param jvmOptions   heap and other options, before the class path
     * @param extraOptions more of them as one whitespace-separated string (say a flight recording), or {@code null}
     */
    static ServerProcess start(String name, List<String> jvmOptions, String extraOptions, Class<?> mainClass, List<String> arguments,
                               Path logDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (extraOptions != null && !extraOptions.isBlank()) {
            command.addAll(List.of(extraOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(arguments);
        Path log = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        ServerProcess server = new ServerProcess(name, process);
        try {
            server.readOutput(logDir.resolve(name + ".out.log")).get(READY_WITHIN_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + ": the server did not print READY within " + READY_WITHIN_SECONDS + " s; see " + log, e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(name + ": the server ended before it served; see " + log);
        }
        return server;
    }

    /**
     * Reads what the server prints, on a thread of its own for as long as it runs (a full pipe would
     * stop it): the future completes at {@code READY}, or fails if the output ends before; what
     * follows goes to {@code file}.
     */
    private CompletableFuture<Void> readOutput(Path file) throws IOException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (out; writer) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (ready.isDone()) {
                        writer.write(line);
                        writer.write('\n');
                    } else if (line.equals("READY")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                // the server ended
            } finally {
                ready.completeExceptionally(new IllegalStateException("the output of " + name + " ended"));
            }
        }, "bench-server-output");
        reader.setDaemon(true);
        reader.start();
        return ready;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
