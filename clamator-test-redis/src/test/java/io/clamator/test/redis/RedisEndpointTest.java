package io.clamator.test.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RedisEndpointTest {

    @Test
    void parsesHostPortAndCredentials() {
        assertThat(RedisEndpoint.parse("redis://redis.test")).isEqualTo(RedisEndpoint.of("redis.test", 6379));
        assertThat(RedisEndpoint.parse("redis://redis.test:6380/2")).isEqualTo(RedisEndpoint.of("redis.test", 6380));
        assertThat(RedisEndpoint.parse("redis://:pw@redis.test:1"))
                .isEqualTo(new RedisEndpoint("redis.test", 1, null, "pw"));
        assertThat(RedisEndpoint.parse("redis://pw@redis.test:1"))
                .isEqualTo(new RedisEndpoint("redis.test", 1, null, "pw"));
        assertThat(RedisEndpoint.parse("redis://alice:pw@redis.test:1"))
                .isEqualTo(new RedisEndpoint("redis.test", 1, "alice", "pw"));
    }

    @Test
    void rejectsUrlsWithoutHost() {
        assertThatThrownBy(() -> RedisEndpoint.parse("localhost:6379")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorRepliesBecomeExceptions() {
        TestRedisServer server = TestRedis.shared();
        RedisEndpoint endpoint = RedisEndpoint.parse(server.url());

        assertThatThrownBy(() -> endpoint.call("NO-SUCH-COMMAND"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ERR");
    }

    @Test
    void pingFailsOnAClosedPort() {
        RedisEndpoint closed = RedisEndpoint.of(LoopbackPorts.HOST, LoopbackPorts.findFree());

        assertThat(closed.answersPing()).isFalse();
    }
}
