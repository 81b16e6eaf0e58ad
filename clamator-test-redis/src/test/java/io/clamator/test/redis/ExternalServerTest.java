package io.clamator.test.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalServerTest {

    @Test
    void explicitUrlIsUsedAsIsAndNeverStopped() {
        try (TestRedisServer owned = TestRedis.startDedicated()) {
            String url = owned.url() + "/0";
            TestRedisServer external = TestRedis.resolveShared(urlSetting(url));

            assertThat(external.url()).isEqualTo(url);
            assertThat(external.source()).isEqualTo("env " + TestRedisSettings.URL_ENV);
            assertThat(external.port()).isEqualTo(owned.port());
            assertThat(external.version()).isEqualTo(owned.version());
            assertThatThrownBy(external::restart)
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("env " + TestRedisSettings.URL_ENV)
                    .hasMessageContaining("startDedicated");
            assertThatThrownBy(external::stop).isInstanceOf(UnsupportedOperationException.class);

            external.close();

            assertThat(external.isRunning()).isTrue();
            assertThat(owned.isRunning()).isTrue();
        }
    }

    @Test
    void credentialsInTheUrlAreSentBeforeCommands() {
        try (TestRedisServer owned = TestRedis.startDedicated()) {
            RedisProbe.withCommands(owned.url(), redis -> redis.configSet("requirepass", "s3cret"));
            String url = "redis://:s3cret@" + owned.host() + ":" + owned.port();

            TestRedisServer external = TestRedis.resolveShared(urlSetting(url));

            assertThat(external.version()).isEqualTo(RedisProbe.withCommands(url, redis -> redis.info("server"))
                    .lines().filter(line -> line.startsWith("redis_version:")).findFirst().orElseThrow()
                    .substring("redis_version:".length()));
            assertThat(external.isRunning()).isTrue();
            assertThat(external.toString()).doesNotContain("s3cret");
        }
    }

    private static TestRedisSettings urlSetting(String url) {
        return TestRedisSettings.from(property -> null, Map.of(TestRedisSettings.URL_ENV, url)::get);
    }
}
