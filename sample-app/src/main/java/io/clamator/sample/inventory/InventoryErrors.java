package io.clamator.sample.inventory;

/**
 * What the {@code inventory} contract says beside its Zod types (generated as {@link Inventory}):
 * its application error codes and the {@code data} they carry.
 */
public final class InventoryErrors {

    /** Application error code: not enough stock for a reservation. */
    public static final int INSUFFICIENT_STOCK = -32010;

    private InventoryErrors() {
    }

    /** The {@code data} of an {@link #INSUFFICIENT_STOCK} error. */
    public record Shortage(String sku, long available, long requested) {
    }
}
