package io.clamator.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.autoconfigure.transport.ClamatorRedisConnection;
import io.clamator.boot.test.apps.calculator.ArithService;
import io.clamator.boot.test.apps.calculator.CalculatorApplication;
import io.clamator.boot.test.apps.contracts.Pricing;
import io.clamator.boot.test.apps.shop.Checkout;
import io.clamator.boot.test.apps.shop.PricingService;
import io.clamator.boot.test.autoconfigure.AutoConfigureClamatorMemoryTransport;
import io.clamator.transport.memory.MemoryBus;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The shop application calls the calculator application's service over the memory transport:
 * the two contexts share one bus.
 */
@SpringBootTest(classes = io.clamator.boot.test.apps.shop.ShopApplication.class)
@AutoConfigureClamatorMemoryTransport
@Import(ShopCallsCalculatorOverMemoryTests.SharedBus.class)
class ShopCallsCalculatorOverMemoryTests {

    static final MemoryBus BUS = new MemoryBus();

    static ConfigurableApplicationContext calculator;

    @Autowired
    Checkout checkout;

    @Autowired
    ObjectProvider<ClamatorRedisConnection> redisConnection;

    @BeforeAll
    static void startCalculator() {
        calculator = new SpringApplicationBuilder(CalculatorApplication.class)
                .web(WebApplicationType.NONE)
                .properties("clamator.transport=memory", "spring.main.banner-mode=off")
                .initializers(context -> ((GenericApplicationContext) context).registerBean(MemoryBus.class, () -> BUS))
                .run();
    }

    @AfterAll
    static void stopCalculator() {
        calculator.close();
    }

    @Test
    void callsTheOtherApplicationsService() {
        ArithService arith = calculator.getBean(ArithService.class);
        int before = arith.calls.get();
        assertThat(checkout.total("ab", "abc")).isEqualTo(5);
        assertThat(arith.calls.get()).isEqualTo(before + 1);
        assertThat(BUS.services("clamator")).containsExactlyInAnyOrder("arith", "pricing");
    }

    @Test
    void theContractItServesItselfIsCalledThroughTheTransportToo() {
        assertThat(checkout.localPricing()).isInstanceOf(PricingService.class);
        Pricing pricing = checkout.pricing();
        assertThat(Proxy.isProxyClass(pricing.getClass())).isTrue();
        assertThat(pricing.price(new Pricing.Item("abcd")).amount()).isEqualTo(4);
    }

    @Test
    void usesTheMemoryTransport() {
        assertThat(redisConnection.getIfAvailable()).isNull();
        assertThat(BUS.services("clamator")).contains("pricing");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SharedBus {

        @Bean
        MemoryBus sharedBus() {
            return BUS;
        }
    }
}
