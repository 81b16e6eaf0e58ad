package io.clamator.sample.docs.calling;

import io.clamator.contract.ClamatorContract;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

/** The {@code billing} contract, served by another deployment (key prefix {@code billing}). */
@ClamatorContract("billing")
public interface Billing {

    Invoice invoice(InvoiceRequest request);

    record InvoiceRequest(@NotBlank String orderId, @PositiveOrZero double amount) {
    }

    record Invoice(String invoiceId, String orderId, double amount) {
    }
}
