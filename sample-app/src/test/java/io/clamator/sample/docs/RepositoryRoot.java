package io.clamator.sample.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the repository's root directory from the working directory of a test run. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /**
     * The directory holding {@code docs/} and {@code sample-app/}: the parent of the working
     * directory when Maven runs the sample's tests, or the working directory itself.
     */
    public static Path find() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        return Stream.of(workingDirectory.getParent(), workingDirectory)
                .filter(candidate -> candidate != null && Files.isDirectory(candidate.resolve("docs"))
                        && Files.isDirectory(candidate.resolve("sample-app")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No repository root (with docs/ and sample-app/) at or above "
                        + workingDirectory));
    }
}
