package io.clamator.boot.test.apps.shop;

import io.clamator.boot.ClamatorService;
import io.clamator.boot.test.apps.contracts.Pricing;

@ClamatorService
public class PricingService implements Pricing {

    @Override
    public Price price(Item params) {
        return new Price(params.sku().length());
    }
}
