package io.clamator.sample.docs.contracts;

import io.clamator.boot.ClamatorService;
import io.clamator.protocol.RpcException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Profile;
import reactor.core.publisher.Mono;

/** Serves {@link Orders}; the implementation picks each method's form from the contract. */
@Profile("docs")
@ClamatorService
public class OrdersService implements Orders {

    /** Application error code: no such order. */
    public static final int UNKNOWN_ORDER = -32004;

    private final Map<String, String> states = new ConcurrentHashMap<>();

    @Override
    public OrderPlaced place(PlaceOrder order) {
        if (order.sku().startsWith("discontinued-")) {
            throw new IllegalStateException("no supplier for " + order.sku());   // answered -32603 Internal error
        }
        String orderId = UUID.randomUUID().toString();
        states.put(orderId, "placed");
        return new OrderPlaced(orderId);
    }

    @Override
    public CompletableFuture<Quote> quote(QuoteRequest request) {
        return CompletableFuture.supplyAsync(() -> new Quote(request.sku(), request.quantity() * 2.5));
    }

    @Override
    public Mono<OrderStatus> status(OrderRef ref) {
        String state = states.get(ref.orderId());
        if (state == null) {
            return Mono.error(new RpcException(UNKNOWN_ORDER, "unknown order", Map.of("orderId", ref.orderId())));
        }
        return Mono.just(new OrderStatus(ref.orderId(), state));
    }

    @Override
    public Summary summary() {
        int cancelled = (int) states.values().stream().filter("cancelled"::equals).count();
        return new Summary(states.size() - cancelled, cancelled);
    }

    @Override
    public void cancelled(OrderRef ref) {
        states.computeIfPresent(ref.orderId(), (id, state) -> "cancelled");
    }

    @Override
    public PriceList prices(PriceListRequest request) {
        return new PriceList(request.currency(), List.of(new Quote("apple", 0.5), new Quote("pear", 0.75)));
    }
}
