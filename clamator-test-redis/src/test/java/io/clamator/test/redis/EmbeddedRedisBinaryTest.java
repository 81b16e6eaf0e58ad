package io.clamator.test.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedRedisBinaryTest {

    private static final TestRedisSettings EMBEDDED = TestRedisSettings.from(
            property -> null, Map.of(TestRedisSettings.BINARY_ENV, RedisBinaries.EMBEDDED)::get);

    @Test
    void embeddedBinaryIsSelectableAndRunsRedis62() {
        try (TestRedisServer server = TestRedis.startOwned(EMBEDDED)) {
            assertThat(server.source()).startsWith("embedded-redis ").contains("redis-server-6.2");
            assertThat(server.version()).startsWith("6.2.");
            assertThat(RedisProbe.ping(server)).isEqualTo("PONG");
        }
    }

    @Test
    void everyMappedResourceIsInTheJar() {
        assertThat(EmbeddedRedisBinary.RESOURCES.values()).allSatisfy(resource ->
                assertThat(getClass().getClassLoader().getResource(resource)).as(resource).isNotNull());
    }

    @Test
    void mapsOsAndArchitectureToResources() {
        assertThat(EmbeddedRedisBinary.resourceFor("Linux", "amd64")).isEqualTo("redis-server-6.2.6-v5-linux-amd64");
        assertThat(EmbeddedRedisBinary.resourceFor("Linux", "aarch64")).isEqualTo("redis-server-6.2.7-linux-arm64");
        assertThat(EmbeddedRedisBinary.resourceFor("Mac OS X", "x86_64"))
                .isEqualTo("redis-server-6.2.6-v5-darwin-amd64");
        assertThat(EmbeddedRedisBinary.resourceFor("Mac OS X", "aarch64"))
                .isEqualTo("redis-server-6.2.6-v5-darwin-arm64");
    }

    @Test
    void unsupportedPlatformFailsWithAHint() {
        assertThatThrownBy(() -> EmbeddedRedisBinary.resourceFor("Windows 11", "amd64"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Windows 11 amd64")
                .hasMessageContaining(TestRedisSettings.URL_ENV);
    }
}
