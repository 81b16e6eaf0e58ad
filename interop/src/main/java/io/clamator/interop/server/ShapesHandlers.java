package io.clamator.interop.server;

import io.clamator.interop.contracts.Shapes;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The {@code shapes} handlers; the Python driver implements the same. */
class ShapesHandlers implements Shapes {

    private final HandledCounter counter;

    ShapesHandlers(HandledCounter counter) {
        this.counter = counter;
    }

    @Override
    public JsonNode echo(JsonNode params) {
        counter.increment();
        return params;
    }

    @Override
    public OrderSummary order(Order order) {
        counter.increment();
        double total = 0;
        for (Line line : order.lines()) {
            total += line.qty() * line.unitPrice();
        }
        List<String> skus = order.lines().stream().map(Line::sku).toList();
        return new OrderSummary(order.orderId(), order.customer(), order.lines().size(), total, skus, order.tags(),
                order.note());
    }

    @Override
    public Empty fail(FailParams params) {
        counter.increment();
        throw new IllegalStateException(params.message());
    }
}
