package io.clamator.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One generated Java source file.
 *
 * @param qualifiedName the fully qualified name of its interface
 * @param content       its text
 */
public record GeneratedSource(String qualifiedName, String content) {

    /** What every generated file carries, and what tells a file clamator generated from any other. */
    static final String MARKER = "@Generated(\"io.clamator.codegen\")";

    /** Whether the file carries the {@link #MARKER}. */
    static boolean carriesMarker(Path file) throws IOException {
        return Files.readString(file).contains(MARKER);
    }

    /** Whether two texts are the same but for their line endings (a checkout may have turned them into CRLF). */
    static boolean sameText(String a, String b) {
        return a.replace("\r\n", "\n").equals(b.replace("\r\n", "\n"));
    }

    /** Where it goes below a source root: {@code io/example/Arith.java}. */
    public Path relativePath() {
        return Path.of(qualifiedName.replace('.', '/') + ".java");
    }

    /**
     * Writes it below {@code sourceRoot}, unless the file already holds exactly this text (so a build
     * that generates again compiles nothing again).
     *
     * @return whether the file was written
     */
    public boolean writeTo(Path sourceRoot) {
        Path file = sourceRoot.resolve(relativePath());
        try {
            if (Files.isRegularFile(file) && sameText(Files.readString(file), content)) {
                return false;
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
