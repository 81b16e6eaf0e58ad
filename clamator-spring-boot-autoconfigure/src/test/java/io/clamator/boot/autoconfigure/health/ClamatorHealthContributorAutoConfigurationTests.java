package io.clamator.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.boot.ClamatorService;
import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.fixtures.Arith;
import io.clamator.boot.autoconfigure.fixtures.ArithService;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration;
import io.clamator.client.RpcClient;
import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisServer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ClamatorHealthContributorAutoConfigurationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("clamator.transport=memory", "clamator.server.shutdown-grace=1m")
            .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class, ClamatorMemoryTransportAutoConfiguration.class,
                    ClamatorRedisTransportAutoConfiguration.class, ClamatorServerAutoConfiguration.class,
                    ClamatorClientAutoConfiguration.class, ClamatorHealthContributorAutoConfiguration.class))
            .withUserConfiguration(ServedArith.class);

    @Test
    void upWithTheServerAndTheClientInTheDetails() {
        runner.run(context -> {
            Health health = context.getBean("clamatorHealthIndicator", ClamatorHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsOnlyKeys("server", "client");
        });
    }

    @Test
    void outOfServiceWhileTheServerDrainsThenDown() {
        runner.run(context -> {
            ClamatorHealthIndicator indicator = context.getBean(ClamatorHealthIndicator.class);
            ArithService arith = context.getBean("arithService", ArithService.class);
            context.getBean(RpcClient.class).callAsync("arith", "slowAdd", new Arith.SlowAddParams(1, 2, 3_000), Arith.AddResult.class);
            arith.slowStarted.await();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(context::stop);
            await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.OUT_OF_SERVICE));
            assertThat(part(indicator.health(), "server")).containsEntry("state", "stopping: waiting for the handlers in flight");
            stopping.join();
            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(part(indicator.health(), "server")).containsEntry("state", "not running");
        });
    }

    @Test
    void downNamingTheServiceWhileRedisIsAway() {
        try (TestRedisServer redis = TestRedis.startDedicated()) {
            runner.withPropertyValues("clamator.transport=redis", "clamator.redis.url=" + redis.url(),
                    "clamator.key-prefix=health-" + UUID.randomUUID()).run(context -> {
                        ClamatorHealthIndicator indicator = context.getBean(ClamatorHealthIndicator.class);
                        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                        redis.stop();
                        await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.DOWN));
                        assertThat(part(indicator.health(), "server")).containsKey("service arith");
                        redis.start();
                        await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.UP));
                    });
        }
    }

    @Test
    void offWhenHealthIndicatorsOfClamatorAreDisabled() {
        runner.withPropertyValues("management.health.clamator.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ClamatorHealthIndicator.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(Health health, String name) {
        return (Map<String, Object>) health.getDetails().get(name);
    }

    @Configuration(proxyBeanMethods = false)
    static class ServedArith {

        @Bean
        ArithService arithService() {
            return new ArithService();
        }

        @Bean
        @ClamatorService
        Arith servedArith(ArithService service) {
            return service;
        }
    }
}
