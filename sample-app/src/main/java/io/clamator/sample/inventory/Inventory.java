package io.clamator.sample.inventory;

import io.clamator.contract.ClamatorContract;
import io.clamator.contract.ClamatorMethod;
import io.clamator.contract.Notification;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code inventory} contract: what any service, in any language, must answer to serve it.
 * Wire methods are {@code inventory.stockLevel}, {@code inventory.reserve} and
 * {@code inventory.restocked}.
 */
@ClamatorContract("inventory")
public interface Inventory {

    /** Application error code: not enough stock for a reservation. */
    int INSUFFICIENT_STOCK = -32010;

    /** How many of an item are available. */
    StockLevel stockLevel(StockQuery query);

    /**
     * Reserves items for an order; fails with {@link #INSUFFICIENT_STOCK} when there are not enough.
     * Asynchronous on the client side, with a tighter timeout than the default.
     */
    @ClamatorMethod(timeoutMillis = 2000)
    CompletableFuture<Reservation> reserve(ReserveRequest request);

    /** A delivery arrived; nobody waits for an answer. */
    @Notification
    void restocked(Restock restock);

    record StockQuery(@NotBlank String sku) {
    }

    record StockLevel(String sku, int available, int reserved) {
    }

    record ReserveRequest(@NotBlank String sku, @Positive int quantity, @NotBlank String orderId) {
    }

    record Reservation(String reservationId, String sku, int quantity, int remaining) {
    }

    record Restock(@NotBlank String sku, @Positive int quantity) {
    }

    /** The {@code data} of an {@link #INSUFFICIENT_STOCK} error. */
    record Shortage(String sku, int available, int requested) {
    }
}
