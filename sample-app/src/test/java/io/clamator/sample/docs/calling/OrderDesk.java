package io.clamator.sample.docs.calling;

import io.clamator.boot.ClamatorClient;
import io.clamator.client.CallOptions;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.ErrorCodes;
import io.clamator.protocol.RpcException;
import io.clamator.sample.docs.calling.Billing.Invoice;
import io.clamator.sample.docs.calling.Billing.InvoiceRequest;
import io.clamator.sample.docs.contracts.OrderQueries;
import io.clamator.sample.docs.contracts.Orders;
import io.clamator.sample.docs.contracts.Orders.OrderRef;
import io.clamator.sample.docs.contracts.Orders.PlaceOrder;
import io.clamator.sample.docs.contracts.Orders.Quote;
import io.clamator.sample.docs.contracts.Orders.QuoteRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Calls the {@code orders} service of its own key prefix and the {@code billing} backend. */
@Profile("docs")
@Service
public class OrderDesk {

    private final Orders orders;

    @ClamatorClient(backend = "billing")
    private Billing billing;

    @BillingBackend
    private Billing sameBilling;

    @ClamatorClient
    private OrderQueries queries;

    public OrderDesk(@ClamatorClient Orders orders) {
        this.orders = orders;
    }

    /** Places an order; empty when the service rejected it. */
    public Optional<String> place(String sku, int quantity) {
        try {
            return Optional.of(orders.place(new PlaceOrder(sku, quantity)).orderId());
        } catch (RpcException e) {
            if (e.code() == ErrorCodes.INVALID_PARAMS) {
                return Optional.empty();                 // e.data() says which fields were wrong
            }
            throw e;
        } catch (ClamatorTimeoutException e) {
            throw new IllegalStateException("orders did not answer in time", e);
        }
    }

    public CompletableFuture<Double> total(String sku, int quantity) {
        return orders.quote(new QuoteRequest(sku, quantity))
                .thenApply(Quote::total)
                .exceptionally(error -> {
                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                    if (cause instanceof RpcException rpc && rpc.code() == ErrorCodes.INVALID_PARAMS) {
                        return 0.0;
                    }
                    throw new CompletionException(cause);
                });
    }

    /** A quote that must arrive within the time the caller has left; the proxy's other calls keep their timeouts. */
    public CompletableFuture<Quote> quoteWithin(Duration timeLeft, String sku, int quantity) {
        return CallOptions.timeout(timeLeft).on(orders).quote(new QuoteRequest(sku, quantity));
    }

    public Mono<String> state(String orderId) {
        return orders.status(new OrderRef(orderId))
                .map(Orders.OrderStatus::state)
                .onErrorResume(RpcException.class, e -> Mono.just("unknown"));
    }

    public CompletableFuture<Invoice> placeAndBill(String sku, int quantity, double amount) {
        return orders.quote(new QuoteRequest(sku, quantity))
                .thenCompose(quote -> CompletableFuture.supplyAsync(() -> orders.place(new PlaceOrder(sku, quantity))))
                .thenApplyAsync(placed -> billing.invoice(new InvoiceRequest(placed.orderId(), amount)));
    }

    public void cancel(String orderId) {
        orders.cancelled(new OrderRef(orderId));
    }

    public String stateNow(String orderId) {
        return queries.status(new OrderRef(orderId)).state();
    }

    Billing billing() {
        return billing;
    }

    Billing sameBilling() {
        return sameBilling;
    }

    Orders orders() {
        return orders;
    }
}
