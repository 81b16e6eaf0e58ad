package io.clamator.test.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestRedisSettingsTest {

    @Test
    void readsEnvironment() {
        TestRedisSettings settings = TestRedisSettings.from(property -> null, Map.of(
                TestRedisSettings.URL_ENV, "redis://redis.test:6380",
                TestRedisSettings.BINARY_ENV, "embedded")::get);

        assertThat(settings.url()).contains(
                new TestRedisSettings.Setting("redis://redis.test:6380", "env CLAMATOR_TEST_REDIS_URL"));
        assertThat(settings.binary()).contains(
                new TestRedisSettings.Setting("embedded", "env CLAMATOR_TEST_REDIS_BINARY"));
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        TestRedisSettings settings = TestRedisSettings.from(
                Map.of(TestRedisSettings.URL_PROPERTY, "redis://from-property:1")::get,
                Map.of(TestRedisSettings.URL_ENV, "redis://from-env:2")::get);

        assertThat(settings.url()).contains(
                new TestRedisSettings.Setting("redis://from-property:1", "system property clamator.test.redis.url"));
    }

    @Test
    void blankValuesCountAsUnset() {
        TestRedisSettings settings = TestRedisSettings.from(
                Map.of(TestRedisSettings.URL_PROPERTY, " ")::get,
                Map.of(TestRedisSettings.URL_ENV, "", TestRedisSettings.BINARY_ENV, "  ")::get);

        assertThat(settings.url()).isEmpty();
        assertThat(settings.binary()).isEmpty();
    }
}
