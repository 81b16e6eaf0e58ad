package io.clamator.sample.docs.calling;

import io.clamator.boot.ClamatorService;
import org.springframework.context.annotation.Profile;

/** Stands in for the billing deployment in the documentation's tests. */
@Profile("docs")
@ClamatorService
public class BillingService implements Billing {

    @Override
    public Invoice invoice(InvoiceRequest request) {
        return new Invoice("INV-" + request.orderId(), request.orderId(), request.amount());
    }
}
