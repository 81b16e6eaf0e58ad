package io.clamator.boot.test.apps.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.test.apps.contracts.Arith;
import io.clamator.boot.test.apps.contracts.Pricing;
import io.clamator.boot.test.autoconfigure.ClamatorTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A slice with a component imported next to the services, and one of its remote contracts
 * replaced by a mock, while the pricing contract it also calls stays real.
 */
@ClamatorTest
@Import(Checkout.class)
class CheckoutWithMockedCalculatorTests {

    @MockitoBean
    @ClamatorClient
    Arith arith;

    @Autowired
    Checkout checkout;

    @Autowired
    Pricing localPricing;

    @Test
    void theMockReplacesTheRemoteProxy() {
        given(arith.add(any())).willReturn(new Arith.AddResult(99));
        assertThat(checkout.total("ab", "abc")).isEqualTo(99);
        verify(arith).add(new Arith.AddParams(2, 3));
    }

    @Test
    void plainInjectionOfTheLocalContractIsUnaffected() {
        assertThat(localPricing).isInstanceOf(PricingService.class);
        assertThat(checkout.localPricing()).isSameAs(localPricing);
    }
}
