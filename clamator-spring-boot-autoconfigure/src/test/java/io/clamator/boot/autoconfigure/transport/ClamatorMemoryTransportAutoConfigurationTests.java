package io.clamator.boot.autoconfigure.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClients;
import io.clamator.boot.autoconfigure.client.RpcClientFactory;
import io.clamator.boot.autoconfigure.fixtures.Arith;
import io.clamator.boot.autoconfigure.fixtures.ArithService;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.server.RpcServerFactory;
import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.RpcException;
import io.clamator.server.RpcServer;
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
    void providesABusAndFactoriesOfMemoryServersAndClients() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(MemoryBus.class).hasSingleBean(RpcServerFactory.class)
                    .hasSingleBean(RpcClientFactory.class).hasSingleBean(RpcClient.class);
            RpcServer server = context.getBean(RpcServerFactory.class).create();
            assertThat(server).isInstanceOfSatisfying(MemoryRpcServer.class,
                    memory -> assertThat(memory.keyPrefix()).isEqualTo("clamator"));
            RpcClient client = context.getBean(RpcClientFactory.class).create("other", null, ClientOptions.defaults());
            assertThat(client).isInstanceOfSatisfying(MemoryRpcClient.class,
                    memory -> assertThat(memory.keyPrefix()).isEqualTo("other"));
            assertThat(client.isRunning()).isFalse();
        });
    }

    @Test
    void theServerHonoursTheServerSettings() {
        runner.withPropertyValues("clamator.server.concurrency=1", "clamator.server.max-payload-size=1KB")
                .withBean(ArithService.class, ArithService::new, definition -> { })
                .withUserConfiguration(ServedArith.class).run(context -> {
                    Arith arith = context.getBean(RpcClient.class).proxy(Arith.class);
                    assertThat(arith.add(new Arith.AddParams(1, 2)).sum()).isEqualTo(3);
                    RpcClient client = context.getBean(RpcClient.class);
                    assertThatThrownBy(() -> client.call("arith", "add", java.util.Map.of("a", 1, "b", 2, "pad", "x".repeat(2000)),
                            Arith.AddResult.class, Duration.ofMillis(300)))
                            .as("over the payload limit: answered unread, as over Redis").isInstanceOfSatisfying(RpcException.class,
                                    e -> assertThat(e.code()).isEqualTo(-32600));
                });
    }

    @Test
    void aClientOfAnotherKeyPrefixDoesNotReachTheServices() {
        runner.withPropertyValues("clamator.backends.billing.default-timeout=300ms")
                .withBean(ArithService.class, ArithService::new, definition -> { })
                .withUserConfiguration(ServedArith.class).run(context -> {
                    ClamatorClients clients = context.getBean(ClamatorClients.class);
                    assertThat(clients.proxy(Arith.class, "").add(new Arith.AddParams(1, 2)).sum()).isEqualTo(3);
                    assertThatThrownBy(() -> clients.proxy(Arith.class, "billing").add(new Arith.AddParams(1, 2)))
                            .isInstanceOf(ClamatorTimeoutException.class);
                });
    }

    @Test
    void noServerWhenTheServerIsDisabled() {
        runner.withPropertyValues("clamator.server.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(RpcServerFactory.class).hasSingleBean(MemoryBus.class).hasSingleBean(RpcClient.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnBus() {
        runner.withUserConfiguration(OwnBus.class).run(context -> {
            assertThat(context).hasSingleBean(MemoryBus.class);
            assertThat(context.getBean(MemoryBus.class)).isSameAs(OwnBus.BUS);
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnFactories() {
        runner.withUserConfiguration(OwnFactories.class).run(context -> {
            assertThat(context).hasSingleBean(RpcServerFactory.class).hasSingleBean(RpcClientFactory.class);
            assertThat(context.getBean(RpcServerFactory.class)).isSameAs(context.getBean("ownServerFactory"));
            assertThat(context.getBean(RpcClientFactory.class)).isSameAs(context.getBean("ownFactory"));
        });
    }

    @Test
    void eachContextHasItsOwnBus() {
        runner.withBean(ArithService.class, ArithService::new, definition -> { })
                .withUserConfiguration(ServedArith.class)
                .run(serving -> runner.run(other -> {
                    assertThat(other.getBean(MemoryBus.class)).isNotSameAs(serving.getBean(MemoryBus.class));
                    assertThat(serving.getBean(MemoryBus.class).services("clamator")).containsExactly("arith");
                    assertThat(other.getBean(MemoryBus.class).services("clamator")).isEmpty();
                    RpcClient remote = other.getBean(RpcClient.class);
                    assertThatThrownBy(() -> remote.call("arith", "add", new Arith.AddParams(1, 2), Arith.AddResult.class,
                            Duration.ofMillis(300))).isInstanceOf(ClamatorTimeoutException.class);
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
    static class OwnFactories {

        @Bean
        RpcServerFactory ownServerFactory() {
            MemoryBus bus = new MemoryBus();
            return () -> new MemoryRpcServer(bus);
        }

        @Bean
        RpcClientFactory ownFactory() {
            MemoryBus bus = new MemoryBus();
            return (keyPrefix, instanceId, options) -> new MemoryRpcClient(bus, keyPrefix, options.withDefaultTimeout(Duration.ofSeconds(1)));
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
