package io.clamator.boot.autoconfigure.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.clamator.boot.ClamatorService;
import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientLifecycle;
import io.clamator.boot.autoconfigure.fixtures.Arith;
import io.clamator.boot.autoconfigure.fixtures.ArithService;
import io.clamator.boot.autoconfigure.fixtures.Greeter;
import io.clamator.boot.autoconfigure.fixtures.InvalidNameContract;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration;
import io.clamator.client.RpcClient;
import io.clamator.contract.InvalidContractException;
import io.clamator.protocol.RpcException;
import io.clamator.server.RpcServer;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import io.clamator.testing.LogCapture;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcClient;
import io.clamator.transport.memory.MemoryRpcServer;
import io.clamator.transport.spi.RpcDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.NestedExceptionUtils;

class ClamatorServerAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("clamator.transport=memory")
            .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class,
                    ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class));

    @Test
    void servesAnnotatedClassesBeanMethodsAndServiceDefinitions() {
        runner.withUserConfiguration(AnnotatedArith.class, GreeterConfiguration.class, EchoConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(ClamatorServerLifecycle.class);
            RpcServer server = context.getBean(ClamatorServerLifecycle.class).server();
            assertThat(server.isRunning()).isTrue();
            assertThat(server.services()).containsExactlyInAnyOrder("arith", "greeter", "echo");
            assertThat(context.getBean(MemoryBus.class).services("clamator")).containsExactlyInAnyOrder("arith", "greeter", "echo");
            RpcClient client = context.getBean(RpcClient.class);
            assertThat(client.proxy(Arith.class).add(new Arith.AddParams(2, 3)).sum()).isEqualTo(5);
            assertThat(client.proxy(Greeter.class).greet(new Greeter.Name("Ada")).text()).isEqualTo("Hello, Ada");
            assertThat(client.call("echo", "say", "hi", String.class)).isEqualTo("hi");
        });
    }

    @Test
    void aServiceBehindAScopedProxyIsServedOnceThroughItsProxy() {
        for (Class<?> configuration : List.of(ScopedArithConfiguration.class, ScopedGreeter.class)) {
            runner.withUserConfiguration(configuration).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(ClamatorServerLifecycle.class).server().services()).hasSize(1);
                RpcClient client = context.getBean(RpcClient.class);
                if (configuration == ScopedGreeter.class) {
                    assertThat(client.proxy(Greeter.class).greet(new Greeter.Name("Ada")).text()).isEqualTo("Hello, Ada (1)");
                    assertThat(client.proxy(Greeter.class).greet(new Greeter.Name("Ada")).text())
                            .as("a new target per call: served through the proxy").isEqualTo("Hello, Ada (1)");
                } else {
                    assertThat(client.proxy(Arith.class).add(new Arith.AddParams(2, 3)).sum()).isEqualTo(5);
                }
            });
        }
    }

    @Test
    void aServiceBeanStaysAnOrdinaryBean() {
        runner.withUserConfiguration(AnnotatedArith.class).run(context -> {
            assertThat(context).hasSingleBean(Arith.class);
            assertThat(context.getBean(Arith.class)).isInstanceOf(AnnotatedArith.class);
        });
    }

    @Test
    void validatesParamsOfServedCalls() {
        runner.withUserConfiguration(AnnotatedArith.class).run(context -> {
            Arith arith = context.getBean(RpcClient.class).proxy(Arith.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> arith.slowAdd(new Arith.SlowAddParams(1, 2, -5)))
                    .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(-32602));
        });
    }

    @Test
    void twoHandlersForOneServiceFailTheStartup() {
        runner.withUserConfiguration(AnnotatedArith.class, SecondArith.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure())).isInstanceOfSatisfying(DuplicateServiceException.class, e -> {
                assertThat(e.getService()).isEqualTo("arith");
                assertThat(e.getMessage()).contains("AnnotatedArith").contains("SecondArith");
            });
        });
    }

    @Test
    void aServiceBeanWithoutContractFailsTheStartup() {
        runner.withUserConfiguration(NoContract.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure())).isInstanceOfSatisfying(ServiceWithoutContractException.class,
                    e -> {
                        assertThat(e.getBeanName()).isEqualTo("notAService");
                        assertThat(e.getBeanType()).isEqualTo(NotAService.class);
                    });
        });
    }

    @Test
    void anInvalidContractFailsTheStartup() {
        runner.withUserConfiguration(InvalidContractService.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure())).isInstanceOf(InvalidContractException.class)
                    .hasMessageContaining("Not_Valid");
        });
    }

    @Test
    void theServerCanBeSwitchedOff() {
        runner.withPropertyValues("clamator.server.enabled=false").withUserConfiguration(AnnotatedArith.class).run(context -> {
            assertThat(context).doesNotHaveBean(RpcServerFactory.class).doesNotHaveBean(ClamatorServerLifecycle.class)
                    .hasSingleBean(Arith.class);
            assertThat(context.getBean(MemoryBus.class).services("clamator")).isEmpty();
        });
    }

    @Test
    void servesOnTheServersOfAFactoryTheApplicationDefines() {
        MemoryBus own = new MemoryBus();
        runner.withUserConfiguration(AnnotatedArith.class).withBean("ownFactory", RpcServerFactory.class,
                () -> () -> new MemoryRpcServer(own, "own", ServerOptions.defaults())).run(context -> {
                    assertThat(context).hasSingleBean(RpcServerFactory.class);
                    assertThat(context.getBean(ClamatorServerLifecycle.class).server().services()).containsExactly("arith");
                    assertThat(own.services("own")).containsExactly("arith");
                    assertThat(context.getBean(MemoryBus.class).services("clamator")).isEmpty();
                });
    }

    @Test
    void anApplicationWithoutServicesStartsNoServer() {
        runner.run(context -> {
            ClamatorServerLifecycle lifecycle = context.getBean(ClamatorServerLifecycle.class);
            assertThat(lifecycle.isRunning()).isFalse();
            assertThat(lifecycle.server()).isNull();
        });
    }

    @Test
    void aStoppedContextServesAgainOnANewServerWhenStarted() {
        runner.withUserConfiguration(AnnotatedArith.class).run(context -> {
            ClamatorServerLifecycle lifecycle = context.getBean(ClamatorServerLifecycle.class);
            RpcServer first = lifecycle.server();
            Arith arith = context.getBean(RpcClient.class).proxy(Arith.class);
            assertThat(arith.add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
            context.stop();
            assertThat(first.isRunning()).isFalse();
            assertThat(context.getBean(MemoryBus.class).services("clamator")).isEmpty();
            context.start();
            assertThat(lifecycle.server()).isNotSameAs(first);
            assertThat(arith.add(new Arith.AddParams(2, 3)).sum()).as("the same proxy, on new clients and servers").isEqualTo(5);
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesTheLifecycle() {
        runner.withUserConfiguration(AnnotatedArith.class, OwnLifecycle.class).run(context -> {
            assertThat(context).hasSingleBean(ClamatorServerLifecycle.class);
            assertThat(context.getBean(ClamatorServerLifecycle.class)).isSameAs(context.getBean("ownLifecycle"));
        });
    }

    @Test
    void theServerStartsAfterAndStopsBeforeTheClients() {
        runner.run(context -> assertThat(context.getBean(ClamatorServerLifecycle.class).getPhase())
                .isEqualTo(Integer.MAX_VALUE)
                .isGreaterThan(context.getBean(ClamatorClientLifecycle.class).getPhase()));
    }

    @Test
    void theServerStopsReadingBeforeTheWebServerDrainsAndTheClientsStopAfterTheWebServerHasStopped() {
        runner.run(context -> {
            assertThat(context.getBean(ClamatorServerLifecycle.class).getPhase())
                    .isGreaterThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE);
            assertThat(context.getBean(ClamatorClientLifecycle.class).getPhase()).as("requests still being served may call")
                    .isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
        });
    }

    @Test
    void closingTheContextLetsAnInFlightCallComplete() throws Exception {
        ArithService arith = new ArithService();
        MemoryBus bus = new MemoryBus();
        runner.withBean(MemoryBus.class, () -> bus).withBean("arith", Arith.class, () -> arith)
                .withUserConfiguration(ServeArithBean.class).run(context -> {
            MemoryRpcClient caller = new MemoryRpcClient(bus);
            caller.start();
            try {
                CompletableFuture<Arith.AddResult> call = caller.callAsync("arith", "slowAdd",
                        new Arith.SlowAddParams(1, 2, 700), Arith.AddResult.class);
                assertThat(arith.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
                context.close();
                assertThat(arith.slowFinished).as("close waited for the handler").isTrue();
                assertThat(call).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(new Arith.AddResult(3));
                assertThat(bus.services("clamator")).isEmpty();
            } finally {
                caller.stop();
            }
        });
    }

    @Test
    void aHandlerStillRunningAfterTheGracePeriodIsInterruptedAndItsCallGetsNoReply() {
        ArithService arith = new ArithService();
        MemoryBus bus = new MemoryBus();
        runner.withPropertyValues("clamator.server.shutdown-grace=100ms").withBean(MemoryBus.class, () -> bus)
                .withBean("arith", Arith.class, () -> arith).withUserConfiguration(ServeArithBean.class)
                .run(context -> {
                    MemoryRpcClient caller = new MemoryRpcClient(bus);
                    caller.start();
                    try {
                        CompletableFuture<Arith.AddResult> call = caller.callAsync("arith", "slowAdd",
                                new Arith.SlowAddParams(1, 2, 30_000), Arith.AddResult.class);
                        assertThat(arith.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
                        try (LogCapture dispatcherLogs = LogCapture.of(RpcDispatcher.class)) {
                            context.close();
                            await().atMost(Duration.ofSeconds(10)).until(() -> arith.interrupted);
                            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(dispatcherLogs.at(Level.WARN))
                                    .singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                                            .startsWith("RPC handler interrupted: arith.slowAdd")));
                            assertThat(dispatcherLogs.at(Level.ERROR)).as("an interrupt at shutdown is not an error").isEmpty();
                        }
                        assertThat(arith.slowFinished).isFalse();
                        assertThat(call).as("abandoned: no reply, as over Redis").isNotDone();
                    } finally {
                        caller.stop();
                    }
                });
    }

    @Test
    void theWholeStopTakesTheGracePeriodWhenAHandlerNeverReturns() {
        NeverReturningGreeter greeter = new NeverReturningGreeter();
        MemoryBus bus = new MemoryBus();
        try {
            runner.withPropertyValues("clamator.server.shutdown-grace=500ms").withBean(MemoryBus.class, () -> bus)
                    .withBean(NeverReturningGreeter.class, () -> greeter).run(context -> {
                        MemoryRpcClient caller = new MemoryRpcClient(bus);
                        caller.start();
                        try {
                            caller.callAsync("greeter", "greet", new Greeter.Name("x"), Greeter.Greeting.class);
                            assertThat(greeter.started.await(10, TimeUnit.SECONDS)).isTrue();
                            long started = System.nanoTime();
                            context.close();
                            assertThat(Duration.ofNanos(System.nanoTime() - started))
                                    .isGreaterThanOrEqualTo(Duration.ofMillis(500))
                                    .isLessThan(Duration.ofMillis(500 + 1500));
                            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                                    assertThat(greeter.interrupts).as("interrupted once, and ignored it").hasValue(1));
                        } finally {
                            caller.stop();
                        }
                    });
        } finally {
            greeter.release.countDown();
        }
    }

    /** A handler that ignores interrupts and returns only when the test ends. */
    @ClamatorService
    static class NeverReturningGreeter implements Greeter {

        final CountDownLatch started = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        final AtomicInteger interrupts = new AtomicInteger();

        @Override
        public Greeting greet(Name params) {
            started.countDown();
            while (true) {
                try {
                    release.await();
                    return new Greeting("released");
                } catch (InterruptedException ex) {
                    interrupts.incrementAndGet();
                }
            }
        }
    }

    @Test
    void handlersRunOnPlatformThreadsByDefault() {
        runner.withUserConfiguration(ThreadNamingGreeter.class).run(context -> assertThat(context.getBean(RpcClient.class)
                .proxy(Greeter.class).greet(new Greeter.Name("x")).text()).startsWith("Thread[").contains("clamator-handler-"));
    }

    @Test
    void handlersRunOnVirtualThreadsWhenEnabledOnJava21AndOnPlatformThreadsBefore() {
        runner.withPropertyValues("spring.threads.virtual.enabled=true").withUserConfiguration(ThreadNamingGreeter.class)
                .run(context -> {
                    String thread = context.getBean(RpcClient.class).proxy(Greeter.class).greet(new Greeter.Name("x")).text();
                    assertThat(thread).contains("clamator-handler-");
                    if (Runtime.version().feature() >= 21) {
                        assertThat(thread).startsWith("VirtualThread[");
                    } else {
                        assertThat(thread).startsWith("Thread[");
                    }
                });
    }

    @ClamatorService
    static class ThreadNamingGreeter implements Greeter {

        @Override
        public Greeting greet(Name params) {
            return new Greeting(Thread.currentThread().toString());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ScopedArithConfiguration {

        @Bean
        @ClamatorService
        @Scope(value = ConfigurableBeanFactory.SCOPE_PROTOTYPE, proxyMode = ScopedProxyMode.TARGET_CLASS)
        ArithService scopedArith() {
            return new ArithService();
        }
    }

    @ClamatorService
    @org.springframework.stereotype.Component
    @Scope(value = ConfigurableBeanFactory.SCOPE_PROTOTYPE, proxyMode = ScopedProxyMode.TARGET_CLASS)
    static class ScopedGreeter implements Greeter {

        private int greeted;

        @Override
        public Greeting greet(Name name) {
            return new Greeting("Hello, " + name.name() + " (" + ++greeted + ")");
        }
    }

    @ClamatorService
    static class AnnotatedArith extends ArithService {
    }

    @ClamatorService
    static class SecondArith extends ArithService {
    }

    interface NotAContract {
        void run();
    }

    @ClamatorService
    static class NotAService implements NotAContract {

        @Override
        public void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NoContract {

        @Bean
        @ClamatorService
        NotAService notAService() {
            return new NotAService();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class InvalidContractService {

        @Bean
        @ClamatorService
        InvalidNameContract invalid() {
            return params -> new Greeter.Greeting("x");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class GreeterConfiguration {

        @Bean
        @ClamatorService
        Greeter greeter() {
            return params -> new Greeter.Greeting("Hello, " + params.name());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class EchoConfiguration {

        @Bean
        ServiceDefinition echo() {
            return ServiceDefinition.builder("echo").request("say", String.class, String.class, text -> text).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ServeArithBean {

        @Bean
        @ClamatorService
        Arith servedArith(Arith arith) {
            return arith;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLifecycle {

        @Bean
        ClamatorServerLifecycle ownLifecycle(RpcServerFactory factory, org.springframework.beans.factory.ListableBeanFactory beanFactory) {
            return new ClamatorServerLifecycle(factory, beanFactory);
        }
    }
}
