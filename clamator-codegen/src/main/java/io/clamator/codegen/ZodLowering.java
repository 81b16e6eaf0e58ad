package io.clamator.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The <em>lower</em> step: the Zod contracts exported by the {@code .ts} files at the top of a
 * folder, lowered to a {@link ContractsDescription} by Node (a script of this module, run with
 * {@code node}), exactly as upstream's {@code @clamator/codegen} lowers and hashes them. Needs Node
 * 18 or newer, and the folder's {@code node_modules} with {@code zod}, {@code zod-to-json-schema},
 * {@code tsx} and whatever the contracts import ({@code @clamator/protocol}).
 */
public final class ZodLowering {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final String node;

    /** @param node the Node executable, e.g. {@code node} (found on the {@code PATH}) or an absolute path */
    private ZodLowering(String node) {
        this.node = node;
    }

    /** Lowers with the {@code node} on the {@code PATH}, or the one {@code $CLAMATOR_NODE} names. */
    public static ZodLowering withNodeFromEnvironment() {
        return withNode(null);
    }

    /** Lowers with the given Node executable, or, for {@code null}, as {@link #withNodeFromEnvironment()}. */
    public static ZodLowering withNode(String nodeOrNull) {
        if (nodeOrNull != null) {
            return new ZodLowering(nodeOrNull);
        }
        String fromEnvironment = System.getenv("CLAMATOR_NODE");
        return new ZodLowering(fromEnvironment == null || fromEnvironment.isBlank() ? "node" : fromEnvironment);
    }

    /** The Node executable this lowering runs. */
    String node() {
        return node;
    }

    /**
     * Lowers every contract of the folder.
     *
     * @throws CodegenException when Node is missing, a contract file does not load, or Node fails
     */
    public ContractsDescription lower(Path contractsFolder) {
        Path script = extractScript();
        Process process = null;
        try {
            try {
                process = new ProcessBuilder(List.of(node, script.toString(), contractsFolder.toAbsolutePath().toString())).start();
            } catch (IOException e) {
                throw new CodegenException("cannot run Node (\"" + node + "\") for the lower step: " + e.getMessage()
                        + "; install Node 18+ or set CLAMATOR_NODE, or generate from the committed description without lowering", e);
            }
            process.getOutputStream().close();
            StreamText out = StreamText.read(process.getInputStream(), "clamator-lower-stdout");
            StreamText err = StreamText.read(process.getErrorStream(), "clamator-lower-stderr");
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new CodegenException("lowering " + contractsFolder + " took longer than " + TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new CodegenException("lowering the Zod contracts of " + contractsFolder + " failed (exit " + process.exitValue()
                        + "):\n" + err.text().strip());
            }
            return ContractsDescription.parse(out.text(), "the lowered contracts of " + contractsFolder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CodegenException("interrupted while lowering " + contractsFolder, e);
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            try {
                Files.deleteIfExists(script);
            } catch (IOException e) {
                // a temporary file left behind
            }
        }
    }

    /** The text of a process's output, read to its end on a thread of its own (a full pipe would stall the process). */
    private static final class StreamText {

        private final Thread reader;
        private volatile String text = "";

        private StreamText(InputStream stream, String name) {
            this.reader = new Thread(() -> {
                try {
                    text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    text = "(not readable: " + e.getMessage() + ")";
                }
            }, name);
            reader.setDaemon(true);
            reader.start();
        }

        static StreamText read(InputStream stream, String name) {
            return new StreamText(stream, name);
        }

        String text() throws InterruptedException {
            reader.join();
            return text;
        }
    }

    private static Path extractScript() {
        try (InputStream script = ZodLowering.class.getResourceAsStream("lower.mjs")) {
            if (script == null) {
                throw new IllegalStateException("lower.mjs is missing from clamator-codegen");
            }
            Path file = Files.createTempFile("clamator-lower-", ".mjs");
            Files.write(file, script.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lower script to a temporary file", e);
        }
    }
}
