package io.clamator.boot.autoconfigure.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.ClamatorService;
import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.fixtures.Arith;
import io.clamator.boot.autoconfigure.fixtures.ArithService;
import io.clamator.boot.autoconfigure.fixtures.Greeter;
import io.clamator.boot.autoconfigure.fixtures.InvalidNameContract;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration;
import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;
import io.clamator.contract.InvalidContractException;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcClient;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

class ClamatorClientAutoConfigurationTests {

    private final MemoryBus bus = new MemoryBus();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("clamator.transport=memory")
            .withBean(MemoryBus.class, () -> bus)
            .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class,
                    ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class));

    /** The other application: serves arith on the shared bus. */
    private final ApplicationContextRunner arithApplication = runner.withUserConfiguration(ServesArith.class);

    /** The calling application: implements Arith locally too, but does not serve it. */
    private ApplicationContextRunner caller() {
        return runner.withPropertyValues("clamator.server.enabled=false").withUserConfiguration(LocalArith.class);
    }

    private void withArithServed(Consumer<ServesArith> test) {
        arithApplication.run(served -> test.accept(served.getBean(ServesArith.class)));
    }

    @Test
    void injectsProxiesIntoConstructorsFieldsAndBeanMethodParameters() {
        withArithServed(served -> caller().withUserConfiguration(Checkout.class, FieldClient.class, BeanMethodClient.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Arith byConstructor = context.getBean(Checkout.class).arith;
                    Arith byField = context.getBean(FieldClient.class).arith;
                    Arith byBeanMethod = context.getBean("beanMethodArith", Holder.class).arith;
                    for (Arith arith : new Arith[] {byConstructor, byField, byBeanMethod}) {
                        assertThat(Proxy.isProxyClass(arith.getClass())).isTrue();
                        assertThat(arith.add(new Arith.AddParams(20, 22)).sum()).isEqualTo(42);
                    }
                    assertThat(byConstructor).isSameAs(byField).isSameAs(byBeanMethod);
                    assertThat(served.arith.calls).hasValue(3);
                    assertThat(context.getBean(LocalArith.class).calls).hasValue(0);
                }));
    }

    @Test
    void plainInjectionOfTheContractStillGetsTheLocalBean() {
        withArithServed(served -> caller().withUserConfiguration(Checkout.class).run(context -> {
            assertThat(context.getBean(Checkout.class).local).isSameAs(context.getBean(LocalArith.class));
            assertThat(context.getBean(Arith.class)).isSameAs(context.getBean(LocalArith.class));
        }));
    }

    @Test
    void withoutALocalImplementationThereIsStillNoPlainCandidate() {
        runner.withUserConfiguration(FieldClient.class, PlainArithUser.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PlainArithUser.class).arith).isNull();
            assertThat(context.getBeanNamesForType(Arith.class)).containsExactly(Arith.class.getName() + "#clamatorClient");
        });
    }

    @Test
    void injectsOptionalAndObjectProviderForms() {
        withArithServed(served -> caller().withUserConfiguration(WrappedClients.class).run(context -> {
            WrappedClients clients = context.getBean(WrappedClients.class);
            assertThat(clients.optional).isPresent();
            assertThat(clients.optional.get().add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
            assertThat(clients.provider.getObject()).isSameAs(clients.optional.get());
        }));
    }

    @Test
    void theContractAgnosticClientIsABean() {
        withArithServed(served -> caller().run(context -> {
            assertThat(context).hasSingleBean(RpcClient.class).hasSingleBean(ClamatorClients.class);
            RpcClient client = context.getBean(RpcClient.class);
            assertThat(client.isRunning()).isTrue();
            assertThat(client.call("arith", "add", new Arith.AddParams(1, 2), Arith.AddResult.class).sum()).isEqualTo(3);
            assertThat(context.getBean(ClamatorClients.class).client()).isSameAs(client);
        }));
    }

    @Test
    void backendsHaveTheirOwnClientsAndTimeouts() {
        withArithServed(served -> caller()
                .withPropertyValues("clamator.client.default-timeout=10s", "clamator.backends.impatient.default-timeout=200ms",
                        "clamator.backends.billing.key-prefix=billing")
                .withUserConfiguration(BackendClients.class).run(context -> {
                    ClamatorClients clients = context.getBean(ClamatorClients.class);
                    assertThat(clients.backends()).containsExactly("impatient", "billing");
                    assertThat(clients.client().defaultTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(clients.client("impatient").defaultTimeout()).isEqualTo(Duration.ofMillis(200));
                    assertThat(clients.client("billing").defaultTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(clients.client("impatient").isRunning()).isTrue();
                    assertThatThrownBy(() -> clients.client("nope")).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("clamator.backends.nope");

                    BackendClients beans = context.getBean(BackendClients.class);
                    assertThat(beans.impatient).isNotSameAs(beans.standard);
                    assertThat(beans.viaMetaAnnotation).isSameAs(beans.impatient);
                    Arith.SlowAddParams slow = new Arith.SlowAddParams(1, 2, 1000);
                    assertThatThrownBy(() -> beans.impatient.slowAdd(slow)).isInstanceOf(ClamatorTimeoutException.class);
                    assertThat(beans.standard.slowAdd(slow).sum()).isEqualTo(3);
                }));
    }

    @Test
    void anUnknownBackendFailsTheStartup() {
        runner.withUserConfiguration(BackendClients.class).run(context -> assertThat(failure(context))
                .isInstanceOfSatisfying(InvalidClientInjectionPointException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(InvalidClientInjectionPointException.Reason.UNKNOWN_BACKEND);
                    assertThat(e.getBackend()).isEqualTo("impatient");
                    assertThat(e.getInjectionPoint()).contains(BackendClients.class.getName());
                }));
    }

    @Test
    void aTypeThatIsNotAContractFailsTheStartup() {
        runner.withUserConfiguration(NotAContractClient.class).run(context -> assertThat(failure(context))
                .isInstanceOfSatisfying(InvalidClientInjectionPointException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(InvalidClientInjectionPointException.Reason.NOT_A_CONTRACT);
                    assertThat(e.getType()).isEqualTo(Runnable.class);
                    assertThat(e.getInjectionPoint()).isEqualTo("field 'task' of " + NotAContractClient.class.getName());
                }));
    }

    @Test
    void anInvalidContractFailsTheStartup() {
        runner.withUserConfiguration(InvalidContractClient.class).run(context -> assertThat(failure(context))
                .isInstanceOf(InvalidContractException.class).hasMessageContaining("Not_Valid"));
    }

    @Test
    void usesAClientTheApplicationDefines() {
        MemoryRpcClient own = new MemoryRpcClient(bus, ClientOptions.defaults().withDefaultTimeout(Duration.ofSeconds(3)));
        withArithServed(served -> caller().withBean("ownClient", RpcClient.class, () -> own).withUserConfiguration(FieldClient.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(RpcClient.class);
                    assertThat(context.getBean(ClamatorClients.class).client()).isSameAs(own);
                    assertThat(own.isRunning()).isTrue();
                    assertThat(context.getBean(FieldClient.class).arith.add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
                }));
        assertThat(own.isRunning()).isFalse();
    }

    @Test
    void backsOffWhenTheApplicationDefinesTheClientsOrTheLifecycle() {
        withArithServed(served -> runner.withUserConfiguration(OwnClients.class, FieldClient.class).run(context -> {
            assertThat(context).hasSingleBean(ClamatorClients.class).hasSingleBean(ClamatorClientLifecycle.class);
            assertThat(context.getBean(ClamatorClientLifecycle.class)).isSameAs(context.getBean("ownLifecycle"));
            assertThat(context.getBean(ClamatorClients.class).backends()).containsExactly("custom");
            assertThat(context.getBean(FieldClient.class).arith.add(new Arith.AddParams(1, 2)).sum()).isEqualTo(3);
        }));
    }

    @Test
    void everyClientOfOneKeyPrefixGetsAnInstanceIdOfItsOwnKeptAcrossRestarts() {
        List<String> created = new CopyOnWriteArrayList<>();
        RpcClientFactory recording = (keyPrefix, instanceId, options) -> {
            created.add(keyPrefix + ":" + instanceId);
            return new MemoryRpcClient(bus, keyPrefix, options);
        };
        runner.withPropertyValues("clamator.key-prefix=shop", "clamator.instance-id=shop-1", "clamator.backends.again.key-prefix=shop",
                "clamator.backends.billing.key-prefix=billing").withBean(RpcClientFactory.class, () -> recording).run(context -> {
                    assertThat(created).containsExactly("shop:shop-1", "shop:shop-1-2", "billing:shop-1");
                    context.stop();
                    context.start();
                    assertThat(created).hasSize(6).endsWith("shop:shop-1", "shop:shop-1-2", "billing:shop-1");
                });
    }

    @Test
    void aStoppedContextsClientsFailCallsAndCallAgainOnceStarted() {
        withArithServed(served -> caller().withUserConfiguration(FieldClient.class).run(context -> {
            Arith arith = context.getBean(FieldClient.class).arith;
            RpcClient client = context.getBean(RpcClient.class);
            context.stop();
            assertThat(client.isRunning()).isFalse();
            assertThatThrownBy(() -> arith.add(new Arith.AddParams(1, 1))).isInstanceOf(ClamatorTransportException.class)
                    .hasMessage("transport stopped");
            context.start();
            assertThat(client.isRunning()).isTrue();
            assertThat(arith.add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
        }));
    }

    @Test
    void theClientsStopWithTheContext() {
        RpcClient[] client = new RpcClient[1];
        runner.run(context -> {
            client[0] = context.getBean(RpcClient.class);
            assertThat(client[0].isRunning()).isTrue();
        });
        assertThat(client[0].isRunning()).isFalse();
    }

    @Test
    void aDrainingHandlerCanStillCallOtherServices() {
        withArithServed(served -> runner.withUserConfiguration(RelayingGreeter.class).run(context -> {
            RelayingGreeter greeter = context.getBean(RelayingGreeter.class);
            RpcClient client = context.getBean(RpcClient.class);
            MemoryRpcClient outside = new MemoryRpcClient(bus);
            outside.start();
            try {
                CompletableFuture<Greeter.Greeting> call = outside.callAsync("greeter", "greet", new Greeter.Name("Ada"),
                        Greeter.Greeting.class);
                assertThat(greeter.started.await(10, TimeUnit.SECONDS)).isTrue();
                context.close();
                assertThat(call).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(new Greeter.Greeting("Ada 42.0"));
                assertThat(client.isRunning()).isFalse();
            } finally {
                outside.stop();
            }
        }));
    }

    private static Throwable failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        return NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
    }

    @Configuration(proxyBeanMethods = false)
    static class ServesArith {

        final ArithService arith = new ArithService();

        @Bean
        @ClamatorService
        Arith servedArith() {
            return arith;
        }
    }

    /** A local implementation of the contract; the caller application does not serve it. */
    @ClamatorService
    static class LocalArith extends ArithService {
    }

    static class Checkout {

        final Arith arith;

        final Arith local;

        Checkout(@ClamatorClient Arith arith, Arith local) {
            this.arith = arith;
            this.local = local;
        }
    }

    static class FieldClient {

        @ClamatorClient
        Arith arith;
    }

    static class PlainArithUser {

        @Autowired(required = false)
        Arith arith;
    }

    record Holder(Arith arith) {
    }

    @Configuration(proxyBeanMethods = false)
    static class BeanMethodClient {

        @Bean
        Holder beanMethodArith(@ClamatorClient Arith arith) {
            return new Holder(arith);
        }
    }

    static class WrappedClients {

        @Autowired
        @ClamatorClient
        Optional<Arith> optional;

        @Autowired
        @ClamatorClient
        org.springframework.beans.factory.ObjectProvider<Arith> provider;
    }

    @Retention(RetentionPolicy.RUNTIME)
    @ClamatorClient(backend = "impatient")
    @interface Impatient {
    }

    static class BackendClients {

        @ClamatorClient(backend = "impatient")
        Arith impatient;

        @Impatient
        Arith viaMetaAnnotation;

        @ClamatorClient
        Arith standard;
    }

    static class NotAContractClient {

        @ClamatorClient
        Runnable task;
    }

    static class InvalidContractClient {

        @ClamatorClient
        InvalidNameContract invalid;
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClients {

        @Bean
        ClamatorClients ownClients(RpcClient client, RpcClientFactory factory) {
            return new ClamatorClients(client, java.util.Map.of("custom", factory.create("custom", null, ClientOptions.defaults())));
        }

        @Bean
        ClamatorClientLifecycle ownLifecycle(ClamatorClients clients) {
            return new ClamatorClientLifecycle(clients);
        }
    }

    /** Serves greeter by calling arith, slowly: so it is still running when the context closes. */
    @ClamatorService
    static class RelayingGreeter implements Greeter {

        final CountDownLatch started = new CountDownLatch(1);

        @ClamatorClient
        Arith arith;

        @Override
        public Greeting greet(Name params) {
            started.countDown();
            try {
                Thread.sleep(500);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return new Greeting(params.name() + " " + arith.add(new Arith.AddParams(40, 2)).sum());
        }
    }
}
