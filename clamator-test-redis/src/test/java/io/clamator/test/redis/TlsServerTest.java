package io.clamator.test.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TlsServerTest {

    @Test
    void theTlsPortAnswersClientsThatTrustTheGeneratedAuthorityOnly() {
        try (TestRedisServer server = TestRedis.startDedicatedWithTls()) {
            assertThat(server.tlsUrl()).isEqualTo("rediss://127.0.0.1:" + server.tlsPort());
            assertThat(RedisProbe.ping(server)).as("the plain port still answers").isEqualTo("PONG");
            assertThat(pingOverTls(server, SslOptions.builder().trustManager(server.certificates().caCertificate().toFile()).build()))
                    .isEqualTo("PONG");
            assertThatThrownBy(() -> pingOverTls(server, SslOptions.builder().build()))
                    .as("the JVM's own trust store does not know the authority")
                    .isInstanceOf(RedisConnectionException.class);
        }
    }

    @Test
    void aServerWithoutTlsSaysHowToGetOne() {
        try (TestRedisServer server = TestRedis.startDedicated()) {
            assertThatThrownBy(server::tlsUrl).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("TestRedis.startDedicatedWithTls()");
        }
    }

    private static String pingOverTls(TestRedisServer server, SslOptions ssl) {
        RedisURI uri = RedisURI.create(server.tlsUrl());
        uri.setTimeout(Duration.ofSeconds(5));
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder().sslOptions(ssl).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().ping();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
