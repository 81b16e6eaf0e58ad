package io.clamator.test.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Executable shell scripts named {@code redis-server}, standing in for a real binary. */
final class FakeRedisServer {

    private FakeRedisServer() {
    }

    static Path script(Path directory, String body) throws IOException {
        Path script = directory.resolve("redis-server");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
