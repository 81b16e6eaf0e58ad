package io.clamator.test.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedicatedServerTest {

    @Test
    void stopRefusesConnectionsAndStartComesBackOnTheSamePort() {
        try (TestRedisServer server = TestRedis.startDedicated()) {
            int port = server.port();
            RedisProbe.withCommands(server.url(), redis -> redis.set("dedicated-test:key", "before stop"));

            server.stop();

            assertThat(server.isRunning()).isFalse();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> RedisProbe.refusesConnections(server.host(), port));

            server.start();

            assertThat(server.isRunning()).isTrue();
            assertThat(server.port()).isEqualTo(port);
            assertThat(RedisProbe.ping(server)).isEqualTo("PONG");
            assertThat(RedisProbe.get(server, "dedicated-test:key")).isNull();
        }
    }

    @Test
    void restartReplacesARunningServerOnTheSamePort() {
        try (TestRedisServer server = TestRedis.startDedicated()) {
            int port = server.port();
            RedisProbe.withCommands(server.url(), redis -> redis.set("dedicated-test:key", "before restart"));

            server.restart();

            assertThat(server.port()).isEqualTo(port);
            assertThat(RedisProbe.ping(server)).isEqualTo("PONG");
            assertThat(RedisProbe.get(server, "dedicated-test:key")).isNull();
        }
    }

    @Test
    void aFrozenServerKeepsItsConnectionsButAnswersOnlyOnceResumed() throws Exception {
        try (TestRedisServer server = TestRedis.startDedicated();
             Socket socket = new Socket(server.host(), server.port())) {
            socket.setSoTimeout(500);
            server.freeze();
            try {
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            } finally {
                server.resume();
            }
            socket.setSoTimeout(10_000);
            byte[] answer = socket.getInputStream().readNBytes(7);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void closeStopsTheServer() {
        TestRedisServer server = TestRedis.startDedicated();
        assertThat(RedisProbe.ping(server)).isEqualTo("PONG");

        server.close();

        assertThat(server.isRunning()).isFalse();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> RedisProbe.refusesConnections(server.host(), server.port()));
    }

    @Test
    void dedicatedServerIsSeparateFromTheSharedOne() {
        TestRedisServer shared = TestRedis.shared();
        RedisProbe.withCommands(shared.url(), redis -> redis.set("dedicated-test:shared-only", "x"));

        try (TestRedisServer dedicated = TestRedis.startDedicated()) {
            assertThat(dedicated.url()).isNotEqualTo(shared.url());
            assertThat(RedisProbe.get(dedicated, "dedicated-test:shared-only")).isNull();
        }
    }

    @Test
    void startedServerKeepsNothingOnDisk() {
        try (TestRedisServer server = TestRedis.startDedicated()) {
            Map<String, String> save = RedisProbe.withCommands(server.url(), redis -> redis.configGet("save"));
            Map<String, String> appendOnly = RedisProbe.withCommands(server.url(),
                    redis -> redis.configGet("appendonly"));

            assertThat(save).containsEntry("save", "");
            assertThat(appendOnly).containsEntry("appendonly", "no");
        }
    }
}
