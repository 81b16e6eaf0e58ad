package io.clamator.test.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SharedServerTest {

    @Test
    void sharedServerAnswersPingAndStoresData() {
        TestRedisServer server = TestRedis.shared();

        assertThat(RedisProbe.ping(server)).isEqualTo("PONG");
        String value = RedisProbe.withCommands(server.url(), redis -> {
            redis.set("shared-test:key", "value");
            return redis.get("shared-test:key");
        });
        assertThat(value).isEqualTo("value");
        assertThat(server.isRunning()).isTrue();
    }

    @Test
    void sharedServerIsOnePerJvm() {
        assertThat(TestRedis.shared()).isSameAs(TestRedis.shared());
    }

    @Test
    void describesItself() {
        TestRedisServer server = TestRedis.shared();

        assertThat(server.version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(server.source()).isNotBlank();
        assertThat(server.port()).isPositive();
        if (TestRedisSettings.current().url().isEmpty()) {
            assertThat(server.url()).isEqualTo("redis://" + server.host() + ":" + server.port());
        }
    }

    @Test
    void flushAllRemovesEveryKey() {
        TestRedisServer server = TestRedis.shared();
        RedisProbe.withCommands(server.url(), redis -> redis.set("shared-test:flush", "x"));

        server.flushAll();

        assertThat(RedisProbe.keyCount(server)).isZero();
    }

    @Test
    void sharedServerCannotBeStoppedAndSurvivesClose() {
        TestRedisServer server = TestRedis.shared();

        assertThatThrownBy(server::stop)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("startDedicated");
        assertThatThrownBy(server::restart).isInstanceOf(UnsupportedOperationException.class);
        server.close();

        assertThat(server.isRunning()).isTrue();
        assertThat(RedisProbe.ping(server)).isEqualTo("PONG");
    }
}
