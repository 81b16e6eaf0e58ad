package io.clamator.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.autoconfigure.server.ClamatorServerLifecycle;
import io.clamator.boot.test.apps.calculator.ArithService;
import io.clamator.boot.test.apps.calculator.CalculatorApplication;
import io.clamator.boot.test.apps.contracts.Arith;
import io.clamator.boot.test.apps.shop.Checkout;
import io.clamator.boot.test.apps.shop.ShopApplication;
import io.clamator.client.RpcClient;
import io.clamator.test.redis.TestRedis;
import io.clamator.transport.redis.RedisRpcServer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shop application calls the calculator application's service through a real Redis, both
 * connected through {@code spring.data.redis.url}.
 */
@SpringBootTest(classes = ShopApplication.class, properties = "clamator.redis.server.block-time=200ms")
class ShopCallsCalculatorOverRedisTests {

    static final String KEY_PREFIX = "boot-test-" + UUID.randomUUID();

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> TestRedis.shared().url());
        registry.add("clamator.key-prefix", () -> KEY_PREFIX);
    }

    @Autowired
    Checkout checkout;

    @Autowired
    RpcClient client;

    @Autowired
    ClamatorServerLifecycle server;

    @ClamatorClient
    Arith arith;

    ConfigurableApplicationContext calculator;

    @BeforeEach
    void startCalculator() {
        calculator = new SpringApplicationBuilder(CalculatorApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "spring.data.redis.url=" + TestRedis.shared().url(),
                        "clamator.key-prefix=" + KEY_PREFIX, "clamator.redis.server.block-time=200ms")
                .run();
    }

    @AfterEach
    void stopCalculator() {
        calculator.close();
    }

    @Test
    void callsTheOtherApplicationsService() {
        assertThat(server.server()).isInstanceOf(RedisRpcServer.class);
        assertThat(checkout.total("ab", "abc")).isEqualTo(5);
        assertThat(calculator.getBean(ArithService.class).calls).hasValue(1);
    }

    @Test
    void closingTheCalculatorLetsAnInFlightCallComplete() throws InterruptedException {
        ArithService service = calculator.getBean(ArithService.class);
        CompletableFuture<Arith.AddResult> call = CompletableFuture
                .supplyAsync(() -> arith.slowAdd(new Arith.SlowAddParams(1, 2, 700)));
        assertThat(service.slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
        calculator.close();
        assertThat(service.slowFinished).as("close waited for the handler").isTrue();
        assertThat(call).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(new Arith.AddResult(3));
    }
}
