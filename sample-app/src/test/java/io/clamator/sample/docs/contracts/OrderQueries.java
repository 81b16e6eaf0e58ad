package io.clamator.sample.docs.contracts;

import io.clamator.contract.ClamatorContract;
import io.clamator.contract.ClamatorMethod;
import io.clamator.sample.docs.contracts.Orders.OrderRef;
import io.clamator.sample.docs.contracts.Orders.OrderStatus;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

/**
 * A client-side view of part of the {@code orders} contract: one wire method, three Java forms.
 * A server cannot serve such an interface (it would have three handlers for one method).
 */
@ClamatorContract("orders")
public interface OrderQueries {

    OrderStatus status(OrderRef ref);

    @ClamatorMethod("status")
    CompletableFuture<OrderStatus> statusAsync(OrderRef ref);

    @ClamatorMethod("status")
    Mono<OrderStatus> statusMono(OrderRef ref);
}
