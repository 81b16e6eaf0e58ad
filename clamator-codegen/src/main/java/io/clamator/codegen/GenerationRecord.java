package io.clamator.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files one generation wrote, listed relative to its folder in a small text file of its own,
 * so that the next run of the same generation deletes exactly the files it no longer writes: never
 * those of another generation into the same folder, nor anyone else's.
 */
public final class GenerationRecord {

    /** What a run did. */
    public record Outcome(long written, int deleted) {
    }

    private final Path recordFile;

    /** @param recordFile where the generation's files are listed between runs */
    public GenerationRecord(Path recordFile) {
        this.recordFile = recordFile;
    }

    /**
     * Writes the sources below {@code root}, deletes the files the previous run wrote and this one
     * does not (if they still carry clamator's {@code @Generated} marker), and records this run.
     */
    public Outcome apply(Path root, List<GeneratedSource> sources) {
        Set<String> current = new LinkedHashSet<>();
        Set<Path> currentFiles = new HashSet<>();
        long written = 0;
        for (GeneratedSource source : sources) {
            current.add(source.relativePath().toString().replace('\\', '/'));
            currentFiles.add(fileOf(root, source.relativePath().toString()));
            if (source.writeTo(root)) {
                written++;
            }
        }
        int deleted = 0;
        try {
            for (String previous : previous()) {
                Path file = fileOf(root, previous);
                if (!currentFiles.contains(file) && Files.isRegularFile(file) && GeneratedSource.carriesMarker(file)) {
                    Files.delete(file);
                    deleted++;
                }
            }
            Files.createDirectories(recordFile.toAbsolutePath().getParent());
            Files.write(recordFile, current, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up after the generation recorded in " + recordFile, e);
        }
        return new Outcome(written, deleted);
    }

    /** A listed file below the root (a record may also list it by its absolute path). */
    private static Path fileOf(Path root, String listed) {
        return root.resolve(listed).toAbsolutePath().normalize();
    }

    /** The files of the previous run, relative to the root with {@code /} separators (so the record reads the same anywhere). */
    private List<String> previous() throws IOException {
        if (!Files.isRegularFile(recordFile)) {
            return List.of();
        }
        return Files.readAllLines(recordFile, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }
}
