package io.clamator.sample.inventory;

import io.clamator.boot.ClamatorService;
import io.clamator.protocol.RpcException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link Inventory} (generated from the Zod contract {@code sample-app/contracts/inventory.ts})
 * from an in-memory stock table. Reservations are idempotent per order id, as handlers of an
 * at-least-once transport should be.
 */
@ClamatorService
public class InventoryService implements Inventory {

    private static final Logger log = LoggerFactory.getLogger(InventoryService.class);

    private final Map<String, Item> items = new ConcurrentHashMap<>(Map.of(
            "apple", new Item(120, 0),
            "pear", new Item(40, 0),
            "plum", new Item(3, 0)));
    private final Map<String, ReserveResult> reservationsByOrder = new ConcurrentHashMap<>();

    @Override
    public StockLevelResult stockLevel(StockLevelParams query) {
        Item item = items.getOrDefault(query.sku(), new Item(0, 0));
        return new StockLevelResult(query.sku(), item.available, item.reserved);
    }

    @Override
    public ReserveResult reserve(ReserveParams request) {
        return reservationsByOrder.computeIfAbsent(request.orderId(), order -> book(request));
    }

    @Override
    public void restocked(RestockedParams restock) {
        items.merge(restock.sku(), new Item(restock.quantity(), 0), (current, added) -> new Item(current.available + added.available, current.reserved));
        log.info("restocked {} x {}", restock.quantity(), restock.sku());
    }

    private ReserveResult book(ReserveParams request) {
        Item updated = items.compute(request.sku(), (sku, item) -> {
            Item current = item == null ? new Item(0, 0) : item;
            if (current.available < request.quantity()) {
                throw new RpcException(InventoryErrors.INSUFFICIENT_STOCK, "insufficient stock",
                        new InventoryErrors.Shortage(sku, current.available, request.quantity()));
            }
            return new Item(current.available - request.quantity(), current.reserved + request.quantity());
        });
        return new ReserveResult(UUID.randomUUID().toString(), request.sku(), request.quantity(), updated.available);
    }

    private record Item(long available, long reserved) {
    }
}
