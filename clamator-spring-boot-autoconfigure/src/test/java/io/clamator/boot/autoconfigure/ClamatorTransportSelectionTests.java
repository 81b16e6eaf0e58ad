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
import org.springframework.mock.env.MockEnvironment;

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
    void aTestProfileSelectsNothingWithoutTheTestModuleOnTheClasspath() {
        runner.withPropertyValues("spring.profiles.active=dev,test").run(usesRedis());
    }

    @Test
    void anExplicitTransportWinsOverTheTestProfile() {
        runner.withPropertyValues("spring.profiles.active=test", "clamator.transport=redis").run(usesRedis());
    }

    @Test
    void theSelectionSaysWhy() {
        ClassLoader classLoader = getClass().getClassLoader();
        assertThat(ClamatorTransportSelection.of(new MockEnvironment(), classLoader))
                .isEqualTo(new ClamatorTransportSelection(ClamatorTransport.REDIS, "the default"));
        MockEnvironment testProfile = new MockEnvironment();
        testProfile.setActiveProfiles("test");
        assertThat(ClamatorTransportSelection.of(testProfile, classLoader).describe())
                .isEqualTo("redis transport (test profile 'test' is active, but clamator-spring-boot-test is not on the classpath)");
        MockEnvironment ownProfiles = new MockEnvironment().withProperty("clamator.test-profiles", "it,local");
        ownProfiles.setActiveProfiles("local");
        assertThat(ClamatorTransportSelection.of(ownProfiles, classLoader).reason()).startsWith("test profile 'local' is active");
        assertThat(ClamatorTransportSelection.of(new MockEnvironment().withProperty("clamator.transport", "memory"), classLoader))
                .isEqualTo(new ClamatorTransportSelection(ClamatorTransport.MEMORY, "clamator.transport is set"));
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
