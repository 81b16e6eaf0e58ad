package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SslOptions;
import io.lettuce.core.resource.ClientResources;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Serving and calling over TLS: a Redis whose port speaks TLS only, with certificates made for the test. */
class RedisTlsTest {

    private static TestRedisServer redis;

    private final String prefix = "tls-" + UUID.randomUUID();

    @BeforeAll
    static void startRedisWithTls() {
        redis = TestRedis.startDedicatedWithTls();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void servesAndCallsThroughARedissUrlWithTheAuthorityTrusted() {
        ClientResources resources = ClamatorClientResources.create();
        RedisClient trusting = RedisClientFactory.builder()
                .sslOptions(SslOptions.builder().trustManager(redis.certificates().caCertificate().toFile()).build())
                .build().create(resources);
        try {
            RedisRpcServer server = RedisRpcServer.builder().keyPrefix(prefix).redisClient(trusting).redisUri(redis.tlsUrl()).build();
            server.register(Arith.class, new ArithService());
            server.start();
            RedisRpcClient client = RedisRpcClient.builder().keyPrefix(prefix).redisClient(trusting).redisUri(redis.tlsUrl()).build();
            client.start();
            assertThat(client.proxy(Arith.class).add(new Arith.AddParams(20, 22)).sum()).isEqualTo(42);
            client.stop();
            server.stop();
        } finally {
            trusting.shutdown();
            resources.shutdown();
        }
    }

    @Test
    void anUntrustedCertificateFailsStartNamingTheAddress() {
        RedisRpcServer server = RedisRpcServer.builder().keyPrefix(prefix).redisUri(redis.tlsUrl()).build();
        server.register(Arith.class, new ArithService());
        assertThatThrownBy(server::start).isInstanceOfSatisfying(RedisUnavailableException.class, e -> {
            assertThat(e.redisUri()).startsWith("rediss://127.0.0.1:" + redis.tlsPort());
            assertThat(e.origin()).isNull();
        });
    }
}
