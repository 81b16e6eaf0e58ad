package io.clamator.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.autoconfigure.client.RpcClientFactory;
import io.clamator.boot.autoconfigure.server.RpcServerFactory;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisConnection;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcServer;
import io.clamator.transport.redis.RedisRpcServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

/** Which transport {@code clamator.transport} and the active profiles select. */
class ClamatorTransportSelectionTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class));

    @Test
    void redisByDefault() {
        runner.run(usesRedis());
    }

    @Test
    void memoryWhenSetExplicitly() {
        runner.withPropertyValues("clamator.transport=memory").run(usesMemory());
    }

    @Test
    void memoryWhileTheTestProfileIsActive() {
        runner.withPropertyValues("spring.profiles.active=dev,test").run(usesMemory());
    }

    @Test
    void anExplicitTransportWinsOverTheTestProfile() {
        runner.withPropertyValues("spring.profiles.active=test", "clamator.transport=redis").run(usesRedis());
    }

    @Test
    void theTestProfilesAreConfigurable() {
        runner.withPropertyValues("clamator.test-profiles=it,local", "spring.profiles.active=local").run(usesMemory());
        runner.withPropertyValues("clamator.test-profiles=it", "spring.profiles.active=test").run(usesRedis());
    }

    @Test
    void theConditionReportsWhy() {
        assertThat(OnClamatorTransportCondition.select(new org.springframework.mock.env.MockEnvironment()))
                .isEqualTo(new OnClamatorTransportCondition.Selection(ClamatorTransport.REDIS, "the default"));
        org.springframework.mock.env.MockEnvironment testEnvironment = new org.springframework.mock.env.MockEnvironment();
        testEnvironment.setActiveProfiles("test");
        assertThat(OnClamatorTransportCondition.select(testEnvironment).reason()).isEqualTo("test profile 'test' is active");
    }

    private static ContextConsumer<AssertableApplicationContext> usesMemory() {
        return context -> {
            assertThat(context).hasSingleBean(MemoryBus.class).hasSingleBean(RpcClientFactory.class)
                    .doesNotHaveBean(ClamatorRedisConnection.class);
            assertThat(context.getBean(RpcServerFactory.class).create()).isInstanceOf(MemoryRpcServer.class);
        };
    }

    private static ContextConsumer<AssertableApplicationContext> usesRedis() {
        return context -> {
            assertThat(context).doesNotHaveBean(MemoryBus.class).hasSingleBean(ClamatorRedisConnection.class)
                    .hasSingleBean(RpcClientFactory.class);
            assertThat(context.getBean(RpcServerFactory.class).create()).isInstanceOf(RedisRpcServer.class);
        };
    }
}
