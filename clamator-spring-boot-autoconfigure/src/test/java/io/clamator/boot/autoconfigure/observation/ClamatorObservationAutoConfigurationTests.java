package io.clamator.boot.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import io.clamator.observation.ClamatorClientObservationConvention;
import io.clamator.observation.ClamatorObservations;
import io.clamator.observation.ClamatorServerObservationConvention;
import io.clamator.observation.DefaultClamatorClientObservationConvention;
import io.clamator.observation.DefaultClamatorServerObservationConvention;
import io.clamator.server.ServerOptions;
import io.clamator.testing.StoppedObservations;
import io.clamator.protocol.RpcException;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ClamatorObservationAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("clamator.transport=memory")
            .withConfiguration(AutoConfigurations.of(ClamatorObservationAutoConfiguration.class, ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class,
                    ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class));

    @Test
    void withoutAnObservationRegistryNothingIsObserved() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(ClamatorObservations.class);
            assertThat(context.getBean(ClientOptions.class).observations().enabled()).isFalse();
            assertThat(context.getBean(ServerOptions.class).observations().enabled()).isFalse();
        });
    }

    @Test
    void clientsAndServersObserveThroughTheApplicationsRegistry() {
        runner.withUserConfiguration(Registry.class).run(context -> {
            ObservationRegistry registry = context.getBean(ObservationRegistry.class);
            assertThat(context.getBean(ClientOptions.class).observations().registry()).isSameAs(registry);
            assertThat(context.getBean(ServerOptions.class).observations().registry()).isSameAs(registry);
            assertThat(context.getBean(ClamatorObservations.class).clientConvention()).isNull();
        });
    }

    @Test
    void theApplicationsConventionsReplaceTheDefaults() {
        runner.withUserConfiguration(Registry.class, Conventions.class).run(context -> {
            ClamatorObservations observations = context.getBean(ClamatorObservations.class);
            assertThat(observations.clientConvention()).isSameAs(context.getBean(ClamatorClientObservationConvention.class));
            assertThat(observations.serverConvention()).isSameAs(context.getBean(ClamatorServerObservationConvention.class));
        });
    }

    @Test
    void aCallOfTheApplicationIsObservedOnBothSides() {
        runner.withUserConfiguration(Registry.class, ServedArith.class).run(context -> {
            Arith arith = context.getBean(RpcClient.class).proxy(Arith.class);
            assertThat(arith.add(new Arith.AddParams(1, 2)).sum()).isEqualTo(3);
            StoppedObservations stopped = context.getBean(StoppedObservations.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(stopped.contexts())
                    .extracting(Observation.Context::getName).containsExactlyInAnyOrder("rpc.server.call", "rpc.client.call"));
            assertThat(stopped.contexts()).allSatisfy(observed -> {
                assertThat(observed.getContextualName()).isEqualTo("arith/add");
                assertThat(observed.getLowCardinalityKeyValue("clamator.key_prefix").getValue()).isEqualTo("clamator");
            });
        });
    }

    @Test
    void withAMeterHandlerEveryCallBecomesATimerWithTheSameTags() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        runner.withUserConfiguration(Registry.class, ServedArith.class)
                .withBean(ObservationHandler.class, () -> new DefaultMeterObservationHandler(meters))
                .run(context -> {
                    RpcClient client = context.getBean(RpcClient.class);
                    client.proxy(Arith.class).add(new Arith.AddParams(1, 2));
                    assertThatThrownBy(() -> client.call("arith", "missing", Map.of(), Object.class)).isInstanceOf(RpcException.class);
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            meters.find("rpc.server.call").timers().stream().mapToLong(Timer::count).sum()).isEqualTo(2));
                    assertThat(meters.get("rpc.server.call").tag("rpc.method", "_OTHER").timer().count()).isEqualTo(1);
                    Timer failed = meters.get("rpc.client.call").tag("rpc.method", "missing").timer();
                    assertThat(failed.getId().getTag("error.type")).isEqualTo("-32601");
                    assertThat(failed.getId().getTag("clamator.outcome")).isEqualTo("error_reply");
                    Timer succeeded = meters.get("rpc.client.call").tag("rpc.method", "add").timer();
                    assertThat(succeeded.count()).isEqualTo(1);
                    assertThat(succeeded.getId().getTags()).extracting(Tag::getKey)
                            .containsExactlyInAnyOrderElementsOf(failed.getId().getTags().stream().map(Tag::getKey).toList());
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {

        @Bean
        StoppedObservations stoppedObservations() {
            return new StoppedObservations();
        }

        @Bean
        ObservationRegistry observationRegistry(StoppedObservations stopped, ObjectProvider<ObservationHandler<?>> handlers) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(stopped);
            handlers.orderedStream().filter(handler -> handler != stopped).forEach(registry.observationConfig()::observationHandler);
            return registry;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Conventions {

        @Bean
        ClamatorClientObservationConvention clientConvention() {
            return new DefaultClamatorClientObservationConvention();
        }

        @Bean
        ClamatorServerObservationConvention serverConvention() {
            return new DefaultClamatorServerObservationConvention();
        }
    }

}
