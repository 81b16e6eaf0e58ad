package io.clamator.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.boot.ClamatorService;
import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.fixtures.Arith;
import io.clamator.boot.autoconfigure.fixtures.ArithService;
import io.clamator.boot.autoconfigure.fixtures.ServedArith;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration;
import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;
import io.clamator.metrics.ClamatorMeters;
import io.clamator.metrics.ClamatorMetrics;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.server.ServerOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ClamatorMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("clamator.transport=memory")
            .withConfiguration(AutoConfigurations.of(ClamatorMetricsAutoConfiguration.class, ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class,
                    ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class));

    @Test
    void withoutAMeterRegistryNothingIsMeasured() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(ClamatorMetrics.class);
            assertThat(context.getBean(ClientOptions.class).metrics().enabled()).isFalse();
            assertThat(context.getBean(ServerOptions.class).metrics().enabled()).isFalse();
        });
    }

    @Test
    void serversAndClientsRecordInTheApplicationsRegistry() {
        runner.withUserConfiguration(ServedArith.class).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(context.getBean(ServerOptions.class).metrics()).isSameAs(context.getBean(ClamatorMetrics.class));
            RpcClient client = context.getBean(RpcClient.class);
            client.proxy(Arith.class).add(new Arith.AddParams(1, 2));
            assertThatThrownBy(() -> client.call("nobody", "add", Map.of(), Object.class, Duration.ofMillis(100)))
                    .isInstanceOf(ClamatorTimeoutException.class);

            assertThat(registry.get(ClamatorMeters.HANDLERS_ACTIVE).tag(ClamatorMeters.SERVICE, "arith").gauge().value())
                    .as("the running server's worker is watched").isZero();
            assertThat(registry.get(ClamatorMeters.CLIENT_CALLS_ACTIVE).gauge().value()).isZero();
            assertThat(registry.get(ClamatorMeters.CLIENT_TIMEOUTS).tag(ClamatorMeters.SERVICE, "nobody").counter().count()).isEqualTo(1);
            assertThat(registry.get(ClamatorMeters.HANDLER_TIMEOUTS).tag(ClamatorMeters.SERVICE, "arith").counter().count()).isZero();
        });
    }

    @Test
    void anApplicationsOwnMetricsReplaceTheDefault() {
        ClamatorMetrics own = ClamatorMetrics.of(new SimpleMeterRegistry());
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withBean(ClamatorMetrics.class, () -> own).run(context ->
                assertThat(context.getBean(ClientOptions.class).metrics()).isSameAs(own));
    }

    @Test
    void aStreamMetricsIntervalThatIsNotPositiveFailsAtStartup() {
        runner.withPropertyValues("clamator.redis.server.stream-metrics-interval=0s").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("redis.server.streamMetricsInterval"));
    }

}
