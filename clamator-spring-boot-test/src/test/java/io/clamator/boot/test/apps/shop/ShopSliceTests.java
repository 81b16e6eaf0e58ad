package io.clamator.boot.test.apps.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.test.apps.contracts.Pricing;
import io.clamator.boot.test.autoconfigure.ClamatorTest;
import io.clamator.transport.memory.MemoryBus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Without {@code services}, every {@code @ClamatorService} component is started, and nothing else. */
@ClamatorTest
class ShopSliceTests {

    @Autowired
    ApplicationContext context;

    @Test
    void startsTheServiceComponentsOnly(@ClamatorClient Pricing pricing) {
        assertThat(context.getBeanNamesForType(PricingService.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(Checkout.class)).isEmpty();
        assertThat(context.getBean(MemoryBus.class).services("clamator")).containsExactly("pricing");
        assertThat(pricing.price(new Pricing.Item("abc")).amount()).isEqualTo(3);
    }
}
