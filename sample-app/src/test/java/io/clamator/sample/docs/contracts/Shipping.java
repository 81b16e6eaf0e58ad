package io.clamator.sample.docs.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.clamator.contract.ClamatorContract;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code shipping} contract of the documentation, written in Java from this Zod contract:
 *
 * <pre>
 * const Parcel = z.object({
 *   sku: z.string(),
 *   quantity: z.number().int(),
 *   weightKg: z.number(),
 *   fragile: z.boolean(),
 *   size: z.enum(["small", "large"]),
 *   note: z.string().optional(),
 *   floor: z.number().int().optional(),
 *   insuredValue: z.number().nullable(),
 *   tags: z.array(z.string()),
 *   dimensions: z.object({ widthCm: z.number(), heightCm: z.number() }),
 *   attributes: z.record(z.string(), z.string()).optional(),
 *   readyAt: z.string().datetime().optional(),
 * });
 * </pre>
 */
@ClamatorContract("shipping")
public interface Shipping {

    Label label(Parcel parcel);

    record Parcel(
            @NotBlank String sku,                         // z.string()
            int quantity,                                 // z.number().int()
            double weightKg,                              // z.number()
            boolean fragile,                              // z.boolean()
            @NotNull Size size,                           // z.enum(["small", "large"])
            Optional<String> note,                        // z.string().optional()
            Integer floor,                                // z.number().int().optional()
            @JsonInclude(JsonInclude.Include.ALWAYS)
            Double insuredValue,                          // z.number().nullable()
            @NotNull List<String> tags,                   // z.array(z.string())
            @NotNull @Valid Dimensions dimensions,        // z.object({...})
            Map<String, String> attributes,               // z.record(z.string(), z.string()).optional()
            Instant readyAt) {                            // z.string().datetime().optional()
    }

    enum Size {
        @JsonProperty("small") SMALL,
        @JsonProperty("large") LARGE
    }

    record Dimensions(double widthCm, double heightCm) {
    }

    record Label(String trackingId, double price) {
    }
}
