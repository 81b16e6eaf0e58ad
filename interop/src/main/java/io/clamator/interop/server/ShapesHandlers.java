package io.clamator.interop.server;

import io.clamator.interop.contracts.Shapes;
import java.math.BigDecimal;
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
    public Sum sum(Amounts params) {
        counter.increment();
        BigDecimal total = params.amounts().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Sum(total, params.amounts().size(), params.reference());
    }

    @Override
    public Empty fail(FailParams params) {
        counter.increment();
        throw new IllegalStateException(params.message());
    }
}
