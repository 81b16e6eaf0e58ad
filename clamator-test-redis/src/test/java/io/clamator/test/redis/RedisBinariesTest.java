package io.clamator.test.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisBinariesTest {

    @TempDir
    Path tempDir;

    @Test
    void withoutChoiceFindsTheBinaryOnPath() throws IOException {
        Path binDir = Files.createDirectory(tempDir.resolve("bin"));
        Path fake = FakeRedisServer.script(binDir, "exit 0");
        String path = tempDir.resolve("empty") + File.pathSeparator + binDir;

        RedisBinary binary = RedisBinaries.locate(Optional.empty(), path);

        assertThat(binary.executable()).isEqualTo(fake);
        assertThat(binary.description()).isEqualTo(fake.toString());
    }

    @Test
    void withoutChoiceFallsBackToEmbedded() {
        RedisBinary binary = RedisBinaries.locate(Optional.empty(), tempDir.toString());

        assertThat(binary.description()).startsWith("embedded-redis ");
        assertThat(Files.isExecutable(binary.executable())).isTrue();
    }

    @Test
    void embeddedChoiceIgnoresPath() throws IOException {
        FakeRedisServer.script(tempDir, "exit 0");

        RedisBinary binary = RedisBinaries.locate(choice(RedisBinaries.EMBEDDED), tempDir.toString());

        assertThat(binary.description()).startsWith("embedded-redis ");
    }

    @Test
    void pathChoiceFailsWhenNoBinaryIsOnPath() {
        assertThatThrownBy(() -> RedisBinaries.locate(choice(RedisBinaries.FROM_PATH), tempDir.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no redis-server is on PATH");
    }

    @Test
    void absolutePathChoiceIsUsedAsIs() throws IOException {
        Path fake = FakeRedisServer.script(tempDir, "exit 0");

        assertThat(RedisBinaries.locate(choice(fake.toString()), "").executable()).isEqualTo(fake);
    }

    @Test
    void anythingElseIsRejected() {
        assertThatThrownBy(() -> RedisBinaries.locate(choice("redis-server"), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("env " + TestRedisSettings.BINARY_ENV)
                .hasMessageContaining("'redis-server'");
        assertThatThrownBy(() -> RedisBinaries.locate(choice(tempDir.resolve("missing").toString()), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Optional<TestRedisSettings.Setting> choice(String value) {
        return Optional.of(new TestRedisSettings.Setting(value, "env " + TestRedisSettings.BINARY_ENV));
    }
}
