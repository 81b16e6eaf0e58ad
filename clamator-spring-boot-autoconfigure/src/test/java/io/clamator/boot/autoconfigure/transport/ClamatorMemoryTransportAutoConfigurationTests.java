package io.clamator.boot.autoconfigure.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.client.RpcClientFactory;
import io.clamator.boot.autoconfigure.fixtures.Arith;
import io.clamator.boot.autoconfigure.fixtures.ArithService;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;
import io.clamator.protocol.RpcException;
import io.clamator.server.RpcServer;
import io.clamator.server.ServerOptions;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcClient;
import io.clamator.transport.memory.MemoryRpcServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ClamatorMemoryTransportAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("clamator.transport=memory")
            .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class,
                    ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class));

    @Test
    void providesABusAServerAndMemoryClients() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(MemoryBus.class).hasSingleBean(RpcServer.class)
                    .hasSingleBean(RpcClientFactory.class).hasSingleBean(RpcClient.class);
            assertThat(context.getBean(RpcServer.class)).isInstanceOf(MemoryRpcServer.class);
            assertThat(context.getBean(RpcClient.class)).isInstanceOf(MemoryRpcClient.class);
            RpcClient client = context.getBean(RpcClientFactory.class).create("other", ClientOptions.defaults());
            assertThat(client).isInstanceOf(MemoryRpcClient.class);
            assertThat(client.isRunning()).isFalse();
        });
    }

    @Test
    void theServerUsesTheServerOptions() {
        runner.withPropertyValues("clamator.server.expose-error-messages=false").run(context -> {
            assertThat(context.getBean(ServerOptions.class).exposeErrorMessages()).isFalse();
            assertThat(context.getBean(RpcServer.class).isRunning()).isTrue();
        });
    }

    @Test
    void noServerWhenTheServerIsDisabled() {
        runner.withPropertyValues("clamator.server.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(RpcServer.class).hasSingleBean(MemoryBus.class).hasSingleBean(RpcClient.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnBus() {
        runner.withUserConfiguration(OwnBus.class).run(context -> {
            assertThat(context).hasSingleBean(MemoryBus.class);
            assertThat(context.getBean(MemoryBus.class)).isSameAs(OwnBus.BUS);
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnServerAndClientFactory() {
        runner.withUserConfiguration(OwnServerAndFactory.class).run(context -> {
            assertThat(context).hasSingleBean(RpcServer.class).hasSingleBean(RpcClientFactory.class);
            assertThat(context.getBean(RpcServer.class)).isSameAs(context.getBean("ownServer"));
            assertThat(context.getBean(RpcClientFactory.class)).isSameAs(context.getBean("ownFactory"));
        });
    }

    @Test
    void eachContextHasItsOwnBus() {
        runner.withBean(ArithService.class, ArithService::new, definition -> { })
                .withUserConfiguration(ServedArith.class)
                .run(serving -> runner.run(other -> {
                    assertThat(other.getBean(MemoryBus.class)).isNotSameAs(serving.getBean(MemoryBus.class));
                    assertThat(serving.getBean(MemoryBus.class).services()).containsExactly("arith");
                    assertThat(other.getBean(MemoryBus.class).services()).isEmpty();
                    Arith remote = other.getBean(RpcClient.class).proxy(Arith.class);
                    assertThatThrownBy(() -> remote.add(new Arith.AddParams(1, 2)))
                            .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(-32601));
                    Arith local = serving.getBean(RpcClient.class).proxy(Arith.class);
                    assertThat(local.add(new Arith.AddParams(1, 2)).sum()).isEqualTo(3);
                }));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBus {

        static final MemoryBus BUS = new MemoryBus();

        @Bean
        MemoryBus ownBus() {
            return BUS;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnServerAndFactory {

        @Bean
        RpcServer ownServer() {
            return new MemoryRpcServer(new MemoryBus());
        }

        @Bean
        RpcClientFactory ownFactory() {
            MemoryBus bus = new MemoryBus();
            return (keyPrefix, options) -> new MemoryRpcClient(bus, options.withDefaultTimeout(Duration.ofSeconds(1)));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ServedArith {

        @Bean
        @io.clamator.boot.ClamatorService
        Arith servedArith(ArithService service) {
            return service;
        }
    }
}
