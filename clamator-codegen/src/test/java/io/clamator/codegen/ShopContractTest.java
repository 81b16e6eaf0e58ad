package io.clamator.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.json.ClamatorJson;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A contract of our own (src/test/zod/rich/shop.ts, lowered into shop-description.json) that uses
 * every Zod construct the generator maps: nested objects, arrays, maps, enums, literal and
 * discriminated unions, optional, nullable and nullish fields, integers and numbers, string
 * formats, Zod's checks as Bean Validation constraints, {@code describe()} texts, an empty params
 * object and a notification.
 */
class ShopContractTest {

    private static final String PLACE_ORDER = """
            {"orderId":"7f0e1c9a-3b1c-4a55-9d6e-1f2a3b4c5d6e","customerEmail":"ada@example.com",
             "items":[{"sku":"apple","quantity":2,"unitPrice":0.5,"tags":["fruit"]}],
             "shipTo":{"street":"Main St 1","postcode":"12345","country":"DE"},
             "payment":{"method":"card","last4":"4242","expiresOn":"2027-01-31"},
             "priority":"same-day","giftNote":null,"placedAt":"2026-12-01T10:00:00Z","extra":{"any":[1,2]}}""";

    private final ContractsDescription description = ContractsDescription.read(UpstreamFixturesTest.resource("shop-description.json"));
    private final List<GeneratedSource> sources = new JavaGenerator(GeneratorOptions.of("io.example.shop")).generate(description);
    private final String shop = sources.get(0).content();

    @Test
    void everyConstructMapsToTheJavaTheMappingRulesName() {
        assertThat(shop)
                .contains("/**\n     * Places an order; answers with its number and what it costs.\n     */\n    PlaceOrderResult placeOrder(PlaceOrderParams params);")
                .contains("    StockResult stock();\n")
                .contains("    @Notification\n    void orderShipped(OrderShippedParams params);")
                .contains("@NotNull UUID orderId")
                .contains("@NotNull @Email String customerEmail")
                .contains("@NotNull @Size(min = 1) List<@Valid Item> items")
                .contains("@NotNull @Valid ShipTo shipTo")
                .contains("@Valid BillTo billTo")
                .contains("@NotNull @Valid Payment payment")
                .contains("@NotNull Priority priority")
                .contains("@JsonInclude(JsonInclude.Include.ALWAYS) @Size(max = 200) String giftNote")
                .contains("            String coupon,")
                .contains("Map<String, String> attributes")
                .contains("@NotNull Instant placedAt")
                .contains("URI website")
                .contains("            JsonNode extra) {")
                .doesNotContain("StockParams")
                .contains("@NotNull @Size(min = 1, max = 32) String sku")
                .contains("@Positive long quantity")
                .contains("@PositiveOrZero double unitPrice")
                .contains("@Size(max = 10) List<@Size(min = 1) String> tags")
                .contains("@NotNull @Pattern(regexp = \"^[0-9]{5}$\") String postcode")
                .contains("     * @param street Street and number\n")
                .contains("@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = \"method\")")
                .contains("record Card(\n            @NotNull @Size(min = 4, max = 4) String last4,\n            @NotNull LocalDate expiresOn) implements Payment {")
                .contains("record Invoice(@PositiveOrZero @Max(90) int dueDays) implements Payment {")
                .contains("        @JsonProperty(\"same-day\") SAME_DAY\n")
                .contains("long orderNumber")
                .contains("@NotNull Status status")
                .contains("        @JsonProperty(\"on-hold\") ON_HOLD\n")
                .contains("LocalDate estimatedDelivery")
                .contains("@NotNull List<@Valid Warning> warnings")
                .contains("@NotNull Map<String, @PositiveOrZero Long> levels")
                .contains("@JsonInclude(JsonInclude.Include.ALWAYS) Instant updatedAt")
                .contains("@NotNull Carrier carrier");
    }

    @Test
    void theParamsReadAndWriteTheWireShapeAndValidateAsZodDoes(@TempDir Path folder) throws Exception {
        try (Compiled compiled = Compiled.of(sources, folder); ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            ClamatorJson json = ClamatorJson.defaults();
            Class<?> params = compiled.type("io.example.shop.Shop$PlaceOrderParams");
            Object order = json.mapper().readValue(PLACE_ORDER, params);
            Validator validator = factory.getValidator();
            assertThat(validator.validate(order)).isEmpty();
            assertThat(json.mapper().readTree(json.mapper().writeValueAsString(order))).as("written back as it was read")
                    .isEqualTo(json.mapper().readTree(PLACE_ORDER));

            Object invalid = json.mapper().readValue(PLACE_ORDER.replace("\"quantity\":2", "\"quantity\":0")
                    .replace("\"12345\"", "\"1234\"").replace("\"4242\"", "\"42\""), params);
            assertThat(paths(validator.validate(invalid)))
                    .containsExactlyInAnyOrder("items[0].quantity", "shipTo.postcode", "payment.last4");
            Object missing = json.mapper().readValue(PLACE_ORDER.replace("\"customerEmail\":\"ada@example.com\",", ""), params);
            assertThat(paths(validator.validate(missing))).containsExactly("customerEmail");
        }
    }

    private static Set<String> paths(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(violation -> violation.getPropertyPath().toString()).collect(Collectors.toSet());
    }

    @Test
    void theAsynchronousVariantsAreGeneratedOnRequest(@TempDir Path folder) throws Exception {
        List<GeneratedSource> both = new JavaGenerator(GeneratorOptions.of("io.example.shop").withCalls(GeneratorOptions.Calls.BLOCKING_AND_FUTURE))
                .generate(description);
        assertThat(both.get(0).content()).contains("    PlaceOrderResult placeOrder(PlaceOrderParams params);\n")
                .contains("    @ClamatorMethod(\"placeOrder\")\n    CompletableFuture<PlaceOrderResult> placeOrderAsync(PlaceOrderParams params);\n")
                .contains("    @Notification\n    void orderShipped(OrderShippedParams params);");
        List<GeneratedSource> futures = new JavaGenerator(GeneratorOptions.of("io.example.shop").withCalls(GeneratorOptions.Calls.FUTURE))
                .generate(description);
        assertThat(futures.get(0).content()).contains("    CompletableFuture<StockResult> stock();\n").doesNotContain("Async(");
        Compiled.of(both, folder.resolve("both")).close();
        Compiled.of(futures, folder.resolve("futures")).close();
    }
}
