package io.clamator.boot.test.apps.shop;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.test.apps.contracts.Arith;
import io.clamator.boot.test.apps.contracts.Pricing;
import org.springframework.stereotype.Service;

/** Prices two items through the pricing service and adds them up on the calculator. */
@Service
public class Checkout {

    private final Pricing pricing;

    private final Arith arith;

    private final Pricing localPricing;

    public Checkout(@ClamatorClient Pricing pricing, @ClamatorClient Arith arith, Pricing localPricing) {
        this.pricing = pricing;
        this.arith = arith;
        this.localPricing = localPricing;
    }

    public double total(String first, String second) {
        double a = pricing.price(new Pricing.Item(first)).amount();
        double b = pricing.price(new Pricing.Item(second)).amount();
        return arith.add(new Arith.AddParams(a, b)).sum();
    }

    public Pricing localPricing() {
        return localPricing;
    }

    public Pricing pricing() {
        return pricing;
    }
}
