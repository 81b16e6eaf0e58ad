package io.clamator.sample.docs.calling;

/** What the billing deployment answers, for the documentation's tests ({@link BillingDeployment}). */
public class BillingService implements Billing {

    @Override
    public Invoice invoice(InvoiceRequest request) {
        return new Invoice("INV-" + request.orderId(), request.orderId(), request.amount());
    }
}
