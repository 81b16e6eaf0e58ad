package io.clamator.test.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Chooses the {@code redis-server} executable to run. */
final class RedisBinaries {

    static final String FROM_PATH = "path";
    static final String EMBEDDED = "embedded";

    private static final String EXECUTABLE_NAME = "redis-server";

    private RedisBinaries() {
    }

    /**
     * The binary selected by {@code choice}: {@value #FROM_PATH}, {@value #EMBEDDED} or an absolute path;
     * without a choice the one on {@code pathVariable}, else the embedded one.
     */
    static RedisBinary locate(Optional<TestRedisSettings.Setting> choice, String pathVariable) {
        if (choice.isEmpty()) {
            return onPath(pathVariable).orElseGet(EmbeddedRedisBinary::extract);
        }
        TestRedisSettings.Setting setting = choice.get();
        return switch (setting.value()) {
            case FROM_PATH -> onPath(pathVariable).orElseThrow(() -> new IllegalStateException(
                    setting.origin() + " is '" + FROM_PATH + "' but no " + EXECUTABLE_NAME + " is on PATH"));
            case EMBEDDED -> EmbeddedRedisBinary.extract();
            default -> explicit(setting);
        };
    }

    static Optional<RedisBinary> onPath(String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        return Arrays.stream(pathVariable.split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .map(directory -> Path.of(directory, EXECUTABLE_NAME))
                .filter(RedisBinaries::isExecutableFile)
                .findFirst()
                .map(executable -> new RedisBinary(executable, executable.toString()));
    }

    private static RedisBinary explicit(TestRedisSettings.Setting setting) {
        Path executable = Path.of(setting.value());
        if (!executable.isAbsolute() || !isExecutableFile(executable)) {
            throw new IllegalArgumentException(setting.origin() + " must be '" + FROM_PATH + "', '" + EMBEDDED
                    + "' or the absolute path of an executable " + EXECUTABLE_NAME + ", not '" + setting.value() + "'");
        }
        return new RedisBinary(executable, executable.toString());
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
