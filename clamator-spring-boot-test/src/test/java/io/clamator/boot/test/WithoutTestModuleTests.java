package io.clamator.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisConnection;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration;
import io.clamator.transport.memory.MemoryBus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The transport selection needs nothing from this module: the profile swap works without it. */
class WithoutTestModuleTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withClassLoader(new FilteredClassLoader("io.clamator.boot.test.autoconfigure"))
            .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class));

    @Test
    void theTestProfileStillSelectsMemory() {
        runner.withPropertyValues("spring.profiles.active=test").run(context -> assertThat(context)
                .hasSingleBean(MemoryBus.class).doesNotHaveBean(ClamatorRedisConnection.class));
    }

    @Test
    void otherwiseRedis() {
        runner.run(context -> assertThat(context).doesNotHaveBean(MemoryBus.class).hasSingleBean(ClamatorRedisConnection.class));
    }
}
