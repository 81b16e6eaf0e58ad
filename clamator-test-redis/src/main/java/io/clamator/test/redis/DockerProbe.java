package io.clamator.test.redis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Whether Testcontainers can be used: it is on the classpath and a Docker engine answers. A cheap look for
 * Docker configuration comes first, so machines without Docker neither wait for nor log Testcontainers'
 * own discovery.
 */
final class DockerProbe {

    private static final String TESTCONTAINERS_CLASS = "org.testcontainers.DockerClientFactory";

    private static Boolean dockerAnswers;

    private DockerProbe() {
    }

    static synchronized boolean dockerAnswers() {
        if (dockerAnswers == null) {
            dockerAnswers = testcontainersPresent()
                    && dockerConfigured(System.getenv(), Path.of(System.getProperty("user.home")))
                    && ContainerControl.dockerAnswers();
        }
        return dockerAnswers;
    }

    /** True when {@code DOCKER_HOST} is set or one of the usual Docker sockets or config files exists. */
    static boolean dockerConfigured(Map<String, String> environment, Path home) {
        if (environment.containsKey("DOCKER_HOST")) {
            return true;
        }
        Stream<Path> candidates = Stream.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".testcontainers.properties"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".docker/contexts"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".rd/docker.sock"));
        String runtimeDir = environment.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null) {
            candidates = Stream.concat(candidates, Stream.of(Path.of(runtimeDir, "docker.sock")));
        }
        return candidates.anyMatch(Files::exists);
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName(TESTCONTAINERS_CLASS, false, DockerProbe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
