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
import java.util.concurrent.TimeUnit;

/**
 * A server of a system in a JVM of its own, on the harness's class path: started with a main class
 * and its arguments, ready once it prints {@code READY}, its standard error in a log file.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;

    private ServerProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts the JVM and waits until it serves.
     *
     * @param jvmOptions heap and other options, before the class path; {@code extraOptions} (a
     *                   whitespace-separated string, say a flight recording) follows them
     */
    static ServerProcess start(String name, List<String> jvmOptions, String extraOptions, Class<?> mainClass, List<String> arguments,
                               Path logDir) throws IOException {
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
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
            // the server's own output before it serves
        }
        if (line == null) {
            throw new IllegalStateException(name + ": the server ended before it served; see " + log);
        }
        drainInto(out, logDir.resolve(name + ".out.log"));
        return new ServerProcess(process);
    }

    /** Keeps reading what the server prints after {@code READY}, so that a full pipe never stops it. */
    private static void drainInto(BufferedReader out, Path file) throws IOException {
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        Thread drain = new Thread(() -> {
            try (out; writer) {
                String line;
                while ((line = out.readLine()) != null) {
                    writer.write(line);
                    writer.write('\n');
                }
            } catch (IOException e) {
                // the server ended
            }
        }, "bench-server-output");
        drain.setDaemon(true);
        drain.start();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Ends the server (closing its standard input, then a SIGTERM), forcibly after 15 s. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // it is ending anyway
        }
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
