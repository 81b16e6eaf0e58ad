package io.clamator.test.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessControlTest {

    @TempDir
    Path tempDir;

    @Test
    void binaryThatDoesNotComeUpFailsWithItsOutput() throws IOException {
        Path fake = FakeRedisServer.script(tempDir, "echo \"simulated failure, args: $*\"\nexit 3");

        assertThatThrownBy(() -> ProcessControl.startServer(new RedisBinary(fake, "fake redis-server")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fake redis-server on port")
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("simulated failure")
                .hasMessageContaining("--bind 127.0.0.1")
                .hasMessageContaining("--appendonly no");
    }

    @Test
    void startsTheGivenBinaryOnLoopback() {
        RedisBinary embedded = EmbeddedRedisBinary.extract();

        try (TestRedisServer server = ProcessControl.startServer(embedded)) {
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.url()).isEqualTo("redis://127.0.0.1:" + server.port());
            assertThat(server.source()).isEqualTo(embedded.description());
            assertThat(server.isRunning()).isTrue();
        }
    }
}
