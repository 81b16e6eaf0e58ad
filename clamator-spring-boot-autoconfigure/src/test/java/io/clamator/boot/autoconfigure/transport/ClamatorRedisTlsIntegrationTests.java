package io.clamator.boot.autoconfigure.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.fixtures.Arith;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisServer;
import io.clamator.transport.redis.RedisUnavailableException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * TLS, live: a Redis whose port speaks TLS only, with certificates generated for the test, served
 * and called through a Boot SSL bundle, for the application's Redis and for a Redis of clamator's
 * own.
 */
class ClamatorRedisTlsIntegrationTests {

    private static TestRedisServer redis;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("clamator.key-prefix=tls-" + UUID.randomUUID(), "clamator.redis.server.block-time=200ms")
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DataRedisAutoConfiguration.class,
                    ClamatorAutoConfiguration.class, ClamatorMemoryTransportAutoConfiguration.class,
                    ClamatorRedisTransportAutoConfiguration.class, ClamatorServerAutoConfiguration.class,
                    ClamatorClientAutoConfiguration.class))
            .withUserConfiguration(ClamatorRedisIntegrationTests.ServesArith.class, ClamatorRedisIntegrationTests.CallsArith.class);

    @BeforeAll
    static void startRedisWithTls() {
        redis = TestRedis.startDedicatedWithTls();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private String trustingTheAuthority() {
        return "spring.ssl.bundle.pem.test-redis.truststore.certificate=file:" + redis.certificates().caCertificate();
    }

    @Test
    void servesAndCallsThroughTheApplicationsRedisWithAnSslBundle() {
        runner.withPropertyValues(trustingTheAuthority(), "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.tlsPort(), "spring.data.redis.ssl.bundle=test-redis").run(context -> {
                    assertThat(context.getBean(ClamatorRedisConnection.class).getUri().isSsl()).isTrue();
                    assertAnswers(context);
                });
    }

    @Test
    void servesAndCallsThroughARedissUrlOfItsOwnWithAnSslBundle() {
        runner.withPropertyValues(trustingTheAuthority(), "clamator.redis.url=" + redis.tlsUrl(),
                "clamator.redis.ssl.bundle=test-redis").run(this::assertAnswers);
    }

    @Test
    void aRedissUrlWithoutTrustInTheAuthorityFailsAtStartupNamingTheAddress() {
        runner.withPropertyValues("clamator.redis.url=" + redis.tlsUrl()).run(context -> {
            assertThat(context).hasFailed();
            RedisUnavailableException failure = findCause(context.getStartupFailure(), RedisUnavailableException.class);
            assertThat(failure.getMessage()).contains("rediss://127.0.0.1:" + redis.tlsPort() + " (from clamator.redis.url)");
        });
    }

    @Test
    void anSslBundleOfItsOwnWithoutAUrlIsRejectedAtStartup() {
        runner.withPropertyValues(trustingTheAuthority(), "clamator.redis.ssl.bundle=test-redis").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("redis.ssl.bundle");
        });
    }

    private void assertAnswers(AssertableApplicationContext context) {
        Arith arith = context.getBean(ClamatorRedisIntegrationTests.CallsArith.class).arith;
        assertThat(arith.add(new Arith.AddParams(40, 2)).sum()).isEqualTo(42);
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }
}
