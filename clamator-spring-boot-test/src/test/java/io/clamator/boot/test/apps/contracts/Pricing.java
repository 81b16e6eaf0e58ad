package io.clamator.boot.test.apps.contracts;

import io.clamator.contract.ClamatorContract;

@ClamatorContract("pricing")
public interface Pricing {

    Price price(Item params);

    record Item(String sku) {
    }

    record Price(double amount) {
    }
}
