package io.clamator.sample.docs.contracts;

import io.clamator.contract.ClamatorContract;
import io.clamator.contract.ClamatorMethod;
import io.clamator.contract.Notification;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/** The {@code orders} contract of the documentation: every form a contract method can take. */
@ClamatorContract("orders")
public interface Orders {

    /** orders.place: blocks until the reply arrives. */
    OrderPlaced place(PlaceOrder order);

    /** orders.quote: returns at once; the future completes when the reply arrives. */
    CompletableFuture<Quote> quote(QuoteRequest request);

    /** orders.status: nothing is sent until the Mono is subscribed. */
    Mono<OrderStatus> status(OrderRef ref);

    /** orders.summary: no params; {} is sent. */
    Summary summary();

    /** orders.cancelled: a notification, never answered; returns once it is sent. */
    @Notification
    void cancelled(OrderRef ref);

    /** orders.priceList: the wire name differs from the Java name; calls time out after 500 ms. */
    @ClamatorMethod(value = "priceList", timeoutMillis = 500)
    PriceList prices(PriceListRequest request);

    /** Not part of the contract: default methods run where they are called. */
    default OrderPlaced placeOne(String sku) {
        return place(new PlaceOrder(sku, 1));
    }

    record PlaceOrder(@NotBlank String sku, @Positive int quantity) {
    }

    record OrderPlaced(String orderId) {
    }

    record QuoteRequest(@NotBlank String sku, @Positive int quantity) {
    }

    record Quote(String sku, double total) {
    }

    record OrderRef(@NotBlank String orderId) {
    }

    record OrderStatus(String orderId, String state) {
    }

    record Summary(int open, int cancelled) {
    }

    record PriceListRequest(String currency) {
    }

    record PriceList(String currency, List<Quote> prices) {
    }
}
