package io.clamator.interop.contracts;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.clamator.contract.ClamatorContract;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A contract of this suite's own (not upstream's), implemented identically by the Java and the
 * Python drivers, for payload shapes the upstream contracts do not reach:
 * <ul>
 *   <li>{@code echo}: any JSON object, answered unchanged;</li>
 *   <li>{@code order}: typed nested objects and arrays with optional fields;</li>
 *   <li>{@code fail {message}}: the handler throws an ordinary exception (-32603);</li>
 *   <li>{@code sum {amounts, reference}}: the exact sum of decimal amounts, written as a string
 *       (as Pydantic writes a {@code Decimal}), and a 64-bit integer handed back.</li>
 * </ul>
 */
@ClamatorContract("shapes")
public interface Shapes {

    JsonNode echo(JsonNode params);

    OrderSummary order(Order params);

    Empty fail(FailParams params);

    Sum sum(Amounts params);

    record Customer(@NotNull String name, String email) {
    }

    record Line(@NotNull String sku, @Min(1) int qty, double unitPrice) {
    }

    record Order(@NotNull String orderId, @NotNull @Valid Customer customer, @NotNull List<@NotNull @Valid Line> lines,
            @NotNull List<@NotNull String> tags, String note) {
    }

    /** {@code total} is the sum of qty * unitPrice over the lines, in line order. */
    record OrderSummary(String orderId, Customer customer, int lineCount, double total, List<String> skus,
            List<String> tags, String note) {
    }

    record FailParams(@NotNull String message) {
    }

    record Empty() {
    }

    record Amounts(@NotNull List<@NotNull BigDecimal> amounts, long reference) {
    }

    /** {@code total} keeps every digit and the scale of the most precise amount. */
    record Sum(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total, int count, long reference) {
    }
}
