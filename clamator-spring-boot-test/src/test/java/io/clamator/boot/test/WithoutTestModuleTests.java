package io.clamator.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisConnection;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration;
import io.clamator.testing.LogCapture;
import io.clamator.transport.memory.MemoryBus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Without this module on the classpath, a test profile selects nothing: an application started
 * with a profile named {@code test} keeps serving over Redis.
 */
class WithoutTestModuleTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withClassLoader(new FilteredClassLoader("io.clamator.boot.test.autoconfigure"))
            .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class));

    @Test
    void aTestProfileKeepsRedis() {
        runner.withPropertyValues("spring.profiles.active=test").run(context -> assertThat(context)
                .doesNotHaveBean(MemoryBus.class).hasSingleBean(ClamatorRedisConnection.class));
    }

    @Test
    void anExplicitMemoryTransportStillWorksButIsAnnouncedAtWarn() {
        try (LogCapture logs = LogCapture.of(ClamatorMemoryTransportAutoConfiguration.class)) {
            runner.withPropertyValues("clamator.transport=memory").run(context -> assertThat(context).hasSingleBean(MemoryBus.class));
            assertThat(logs.at(Level.WARN)).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                    .isEqualTo("clamator runs on the memory transport outside a test (clamator.transport is set): its calls stay"
                            + " inside this JVM, and nothing is served or called over Redis"));
        }
    }

    @Test
    void otherwiseRedis() {
        runner.run(context -> assertThat(context).doesNotHaveBean(MemoryBus.class).hasSingleBean(ClamatorRedisConnection.class));
    }
}
