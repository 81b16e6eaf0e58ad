package io.clamator.boot.autoconfigure.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.ClamatorService;
import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.fixtures.Arith;
import io.clamator.boot.autoconfigure.fixtures.ArithService;
import io.clamator.boot.autoconfigure.fixtures.Greeter;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.server.ClamatorServerLifecycle;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisServer;
import io.clamator.testing.LogCapture;
import io.clamator.transport.redis.RedisRpcServer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Applications calling each other through a real Redis, wired from {@code spring.data.redis.*}. */
class ClamatorRedisIntegrationTests {

    private final String keyPrefix = "boot-it-" + UUID.randomUUID();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("spring.data.redis.url=" + TestRedis.shared().url(), "clamator.key-prefix=" + keyPrefix,
                    "clamator.redis.server.block-time=200ms")
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class,
                    ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class));

    private final ApplicationContextRunner arithApplication = runner.withUserConfiguration(ServesArith.class);

    private final ApplicationContextRunner callingApplication = runner.withPropertyValues("clamator.server.enabled=false")
            .withUserConfiguration(CallsArith.class);

    @Test
    void oneApplicationCallsAnothersService() {
        arithApplication.run(served -> {
            assertThat(served.getBean(ClamatorServerLifecycle.class).server()).isInstanceOf(RedisRpcServer.class);
            callingApplication.run(calling -> {
                Arith arith = calling.getBean(CallsArith.class).arith;
                assertThat(arith.add(new Arith.AddParams(40, 2)).sum()).isEqualTo(42);
                assertThat(served.getBean(ServesArith.class).arith.calls).hasValue(1);
            });
        });
    }

    @Test
    void redisUrlAloneIsUsedAndTheStartupLinesSayWhereTheAddressCameFrom() {
        String url = TestRedis.shared().url();
        String address = url.substring("redis://".length());
        ApplicationContextRunner fromTheVariable = new ApplicationContextRunner()
                .withPropertyValues("REDIS_URL=" + url, "clamator.key-prefix=" + keyPrefix, "clamator.redis.server.block-time=200ms")
                .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, ClamatorAutoConfiguration.class,
                        ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class,
                        ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class));
        try (LogCapture serverLogs = LogCapture.of(ClamatorServerLifecycle.class);
             LogCapture clientLogs = LogCapture.of("io.clamator.boot.autoconfigure.client.ClamatorClientLifecycle")) {
            fromTheVariable.withUserConfiguration(ServesArith.class, CallsArith.class).run(context -> {
                assertThat(context.getBean(CallsArith.class).arith.add(new Arith.AddParams(2, 3)).sum()).isEqualTo(5);
            });
            assertThat(serverLogs.messages()).anySatisfy(line -> assertThat(line)
                    .startsWith("clamator server started, serving [arith]: Redis server ")
                    .contains("of key prefix " + keyPrefix + " at ")
                    .contains(address + " (from REDIS_URL)"));
            assertThat(clientLogs.messages()).anySatisfy(line -> assertThat(line)
                    .startsWith("clamator clients started: [Redis client ")
                    .contains("of key prefix " + keyPrefix + " at ")
                    .contains(address + " (from REDIS_URL)"));
        }
    }

    @Test
    void aBackendIsReachedUnderItsOwnKeyPrefix() {
        String billingPrefix = keyPrefix + "-billing";
        runner.withPropertyValues("clamator.key-prefix=" + billingPrefix).withUserConfiguration(ServesGreeter.class)
                .run(billing -> callingApplication
                        .withPropertyValues("clamator.backends.billing.key-prefix=" + billingPrefix)
                        .withUserConfiguration(CallsBilling.class)
                        .run(calling -> {
                            Greeter greeter = calling.getBean(CallsBilling.class).greeter;
                            assertThat(greeter.greet(new Greeter.Name("Ada")).text()).isEqualTo("Hello, Ada");
                        }));
    }

    @Test
    void closingTheServingApplicationLetsAnInFlightCallComplete() {
        arithApplication.run(served -> callingApplication.run(calling -> {
            ArithService arith = served.getBean(ServesArith.class).arith;
            Arith remote = calling.getBean(CallsArith.class).arith;
            CompletableFuture<Arith.AddResult> call = CompletableFuture
                    .supplyAsync(() -> remote.slowAdd(new Arith.SlowAddParams(1, 2, 700)));
            assertThat(arith.slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
            served.close();
            assertThat(arith.slowFinished).as("close waited for the handler").isTrue();
            assertThat(call).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(new Arith.AddResult(3));
        }));
    }

    @Test
    void aStoppedApplicationServesAndCallsAgainOnceStarted() {
        arithApplication.run(served -> callingApplication.run(calling -> {
            Arith arith = calling.getBean(CallsArith.class).arith;
            assertThat(arith.add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
            served.stop();
            calling.stop();
            served.start();
            calling.start();
            assertThat(arith.add(new Arith.AddParams(2, 3)).sum()).isEqualTo(5);
            assertThat(served.getBean(ServesArith.class).arith.calls).hasValue(2);
        }));
    }

    @Test
    void stoppingTakesTheGracePeriodWhenAHandlerNeverReturns() {
        arithApplication.withPropertyValues("clamator.server.shutdown-grace=500ms").run(served -> callingApplication.run(calling -> {
            ArithService arith = served.getBean(ServesArith.class).arith;
            CompletableFuture.runAsync(() -> calling.getBean(CallsArith.class).arith.slowAdd(new Arith.SlowAddParams(1, 2, 60_000)));
            assertThat(arith.slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
            long stopping = System.nanoTime();
            served.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isGreaterThanOrEqualTo(Duration.ofMillis(500))
                    .isLessThan(Duration.ofMillis(500 + 1500));
            await().atMost(Duration.ofSeconds(10)).until(() -> arith.interrupted);
        }));
    }

    /**
     * Redis frozen (SIGSTOP) for longer than the command timeout: its connections stay open and
     * nothing answers. Calls made meanwhile fail within their timeout; once Redis goes on, the
     * server's and the client's loops carry on by themselves.
     */
    @Test
    void serverAndClientCarryOnAfterRedisWasFrozenForLongerThanTheCommandTimeout() {
        try (TestRedisServer frozen = TestRedis.startDedicated();
             LogCapture readerLogs = LogCapture.of("io.clamator.transport.redis.StreamReader");
             LogCapture replyLogs = LogCapture.of("io.clamator.transport.redis.ReplyListener")) {
            ApplicationContextRunner onFrozenRedis = runner.withPropertyValues("spring.data.redis.url=" + frozen.url(),
                    "clamator.redis.command-timeout=500ms", "clamator.client.default-timeout=1500ms");
            onFrozenRedis.withUserConfiguration(ServesArith.class).run(served -> onFrozenRedis
                    .withPropertyValues("clamator.server.enabled=false").withUserConfiguration(CallsArith.class).run(calling -> {
                        Arith arith = calling.getBean(CallsArith.class).arith;
                        assertThat(arith.add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
                        frozen.freeze();
                        try {
                            long calling0 = System.nanoTime();
                            assertThatThrownBy(() -> arith.add(new Arith.AddParams(2, 2))).isInstanceOf(ClamatorTransportException.class);
                            assertThat(Duration.ofNanos(System.nanoTime() - calling0)).as("no call hangs").isLessThan(Duration.ofSeconds(5));
                            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                                assertThat(readerLogs.messages()).anySatisfy(message -> assertThat(message)
                                        .startsWith("Redis unavailable for the consumer loop of service arith"));
                                assertThat(replyLogs.messages()).anySatisfy(message -> assertThat(message)
                                        .startsWith("Redis unavailable for the client reply loop"));
                            });
                        } finally {
                            frozen.resume();
                        }
                        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                                .untilAsserted(() -> assertThat(arith.add(new Arith.AddParams(20, 22)).sum()).isEqualTo(42));
                        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                            assertThat(readerLogs.messages()).anySatisfy(message -> assertThat(message)
                                    .startsWith("Redis available again for the consumer loop of service arith"));
                            assertThat(replyLogs.messages()).anySatisfy(message -> assertThat(message)
                                    .startsWith("Redis available again for the client reply loop"));
                        });
                        for (int i = 0; i < 10; i++) {
                            assertThat(arith.add(new Arith.AddParams(i, 1)).sum()).as("every loop is back").isEqualTo(i + 1);
                        }
                    }));
        }
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

    @Configuration(proxyBeanMethods = false)
    static class ServesGreeter {

        @Bean
        @ClamatorService
        Greeter greeter() {
            return params -> new Greeter.Greeting("Hello, " + params.name());
        }
    }

    static class CallsArith {

        @ClamatorClient
        Arith arith;
    }

    static class CallsBilling {

        @ClamatorClient(backend = "billing")
        Greeter greeter;
    }
}
