package io.clamator.test.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerProbeTest {

    @TempDir
    Path home;

    @Test
    void dockerHostVariableCountsAsConfigured() {
        assertThat(DockerProbe.dockerConfigured(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), home)).isTrue();
    }

    @Test
    void userDockerSocketCountsAsConfigured() throws IOException {
        Files.createDirectories(home.resolve(".docker/run"));
        Files.createFile(home.resolve(".docker/run/docker.sock"));

        assertThat(DockerProbe.dockerConfigured(Map.of(), home)).isTrue();
    }

    @Test
    void runtimeDirSocketCountsAsConfigured() throws IOException {
        Path runtimeDir = Files.createDirectory(home.resolve("runtime"));
        Files.createFile(runtimeDir.resolve("docker.sock"));

        assertThat(DockerProbe.dockerConfigured(Map.of("XDG_RUNTIME_DIR", runtimeDir.toString()), home)).isTrue();
    }
}
