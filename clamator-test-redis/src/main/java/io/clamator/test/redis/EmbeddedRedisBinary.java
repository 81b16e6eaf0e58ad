package io.clamator.test.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code redis-server} 6.2 binaries shipped as resources of the embedded-redis jar
 * ({@code com.github.codemonstur:embedded-redis}), extracted once per JVM to an executable temporary file.
 */
final class EmbeddedRedisBinary {

    /** Resource names in embedded-redis 1.4.4, by {@code os-arch}. */
    static final Map<String, String> RESOURCES = Map.of(
            "linux-amd64", "redis-server-6.2.6-v5-linux-amd64",
            "linux-arm64", "redis-server-6.2.7-linux-arm64",
            "linux-386", "redis-server-6.2.7-linux-386",
            "darwin-amd64", "redis-server-6.2.6-v5-darwin-amd64",
            "darwin-arm64", "redis-server-6.2.6-v5-darwin-arm64");

    private static final String POM_PROPERTIES = "META-INF/maven/com.github.codemonstur/embedded-redis/pom.properties";

    private static RedisBinary extracted;

    private EmbeddedRedisBinary() {
    }

    static synchronized RedisBinary extract() {
        if (extracted == null) {
            String resource = resourceFor(System.getProperty("os.name"), System.getProperty("os.arch"));
            Path executable = copyToTempFile(resource);
            extracted = new RedisBinary(executable, "embedded-redis " + jarVersion() + " (" + resource + ")");
        }
        return extracted;
    }

    /** The resource name for the given {@code os.name} and {@code os.arch} system property values. */
    static String resourceFor(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String platform = (os.contains("linux") ? "linux" : os.contains("mac") ? "darwin" : os) + "-" + arch(osArch);
        String resource = RESOURCES.get(platform);
        if (resource == null) {
            throw new IllegalStateException("embedded-redis ships no redis-server for " + osName + " " + osArch
                    + "; put redis-server on PATH, run a Docker engine or set " + TestRedisSettings.URL_ENV);
        }
        return resource;
    }

    private static String arch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> osArch;
        };
    }

    private static Path copyToTempFile(String resource) {
        try (InputStream in = EmbeddedRedisBinary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Resource " + resource + " not found: is embedded-redis "
                        + "on the classpath, in a version that ships it?");
            }
            Path executable = Files.createTempFile("clamator-" + resource + "-", "");
            executable.toFile().deleteOnExit();
            Files.copy(in, executable, StandardCopyOption.REPLACE_EXISTING);
            if (!executable.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("Cannot make " + executable + " executable");
            }
            return executable;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract " + resource, e);
        }
    }

    private static String jarVersion() {
        try (InputStream in = EmbeddedRedisBinary.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "(unknown version)";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "(unknown version)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + POM_PROPERTIES, e);
        }
    }
}
