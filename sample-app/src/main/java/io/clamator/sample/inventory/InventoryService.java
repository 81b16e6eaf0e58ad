package io.clamator.sample.inventory;

import io.clamator.boot.ClamatorService;
import io.clamator.protocol.RpcException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link Inventory} from an in-memory stock table. Reservations are idempotent per
 * order id, as handlers of an at-least-once transport should be.
 */
@ClamatorService
public class InventoryService implements Inventory {

    private static final Logger log = LoggerFactory.getLogger(InventoryService.class);

    private final Map<String, Item> items = new ConcurrentHashMap<>(Map.of(
            "apple", new Item(120, 0),
            "pear", new Item(40, 0),
            "plum", new Item(3, 0)));
    private final Map<String, Reservation> reservationsByOrder = new ConcurrentHashMap<>();

    @Override
    public StockLevel stockLevel(StockQuery query) {
        Item item = items.getOrDefault(query.sku(), new Item(0, 0));
        return new StockLevel(query.sku(), item.available, item.reserved);
    }

    @Override
    public CompletableFuture<Reservation> reserve(ReserveRequest request) {
        Reservation reservation = reservationsByOrder.computeIfAbsent(request.orderId(), order -> book(request));
        return CompletableFuture.completedFuture(reservation);
    }

    @Override
    public void restocked(Restock restock) {
        items.merge(restock.sku(), new Item(restock.quantity(), 0), (current, added) -> new Item(current.available + added.available, current.reserved));
        log.info("restocked {} x {}", restock.quantity(), restock.sku());
    }

    private Reservation book(ReserveRequest request) {
        Item updated = items.compute(request.sku(), (sku, item) -> {
            Item current = item == null ? new Item(0, 0) : item;
            if (current.available < request.quantity()) {
                throw new RpcException(INSUFFICIENT_STOCK, "insufficient stock",
                        new Shortage(sku, current.available, request.quantity()));
            }
            return new Item(current.available - request.quantity(), current.reserved + request.quantity());
        });
        return new Reservation(UUID.randomUUID().toString(), request.sku(), request.quantity(), updated.available);
    }

    private record Item(int available, int reserved) {
    }
}
