package io.clamator.sample.docs.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.boot.test.autoconfigure.ClamatorTest;
import io.clamator.json.ClamatorJson;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.sample.docs.contracts.Shipping.Dimensions;
import io.clamator.sample.docs.contracts.Shipping.Parcel;
import io.clamator.sample.docs.contracts.Shipping.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.DatabindException;

/**
 * The type mapping table of docs/contracts.md, checked with the mapping a Spring Boot application
 * gets (built on its own JsonMapper) and with the plain-Java default.
 */
@ClamatorTest
class JsonMappingExamplesTests {

    @Autowired
    ClamatorJson applicationJson;

    private List<ClamatorJson> mappings() {
        return List.of(applicationJson, ClamatorJson.defaults());
    }

    private static String write(ClamatorJson json, Object value) {
        return json.write(json.toTree(value));
    }

    private static <T> T read(ClamatorJson json, String text, Class<T> type) {
        return json.fromTree(json.readTree(text), type);
    }

    static final Parcel FULL = new Parcel("apple", 2, 1.5, true, Size.LARGE, Optional.of("top shelf"), 3, 250.0,
            List.of("fruit"), new Dimensions(20, 10), Map.of("colour", "red"), Instant.parse("2026-01-02T03:04:05Z"));

    static final Parcel MINIMAL = new Parcel("apple", 2, 1.0, false, Size.SMALL, Optional.empty(), null, null,
            List.of(), new Dimensions(20, 10), null, null);

    @Test
    void writesWhatZodAndPydanticExpect() {
        for (ClamatorJson json : mappings()) {
            assertThat(write(json, FULL)).isEqualTo("{\"sku\":\"apple\",\"quantity\":2,\"weightKg\":1.5,\"fragile\":true,"
                    + "\"size\":\"large\",\"note\":\"top shelf\",\"floor\":3,\"insuredValue\":250.0,\"tags\":[\"fruit\"],"
                    + "\"dimensions\":{\"widthCm\":20.0,\"heightCm\":10.0},\"attributes\":{\"colour\":\"red\"},"
                    + "\"readyAt\":\"2026-01-02T03:04:05Z\"}");
            // absent optionals are left out; the nullable insuredValue is sent as null
            assertThat(write(json, MINIMAL)).isEqualTo("{\"sku\":\"apple\",\"quantity\":2,\"weightKg\":1.0,\"fragile\":false,"
                    + "\"size\":\"small\",\"insuredValue\":null,\"tags\":[],\"dimensions\":{\"widthCm\":20.0,\"heightCm\":10.0}}");
        }
    }

    @Test
    void readsWhatPythonAndTypeScriptSend() {
        // Python: floats as 5.0, unset optionals as null, an extra field
        String fromPython = "{\"sku\": \"apple\", \"quantity\": 2.0, \"weightKg\": 1.0, \"fragile\": false, \"size\": \"small\","
                + " \"note\": null, \"floor\": null, \"insuredValue\": null, \"tags\": [],"
                + " \"dimensions\": {\"widthCm\": 20.0, \"heightCm\": 10.0}, \"attributes\": null, \"readyAt\": null, \"extra\": 1}";
        // TypeScript: integers as 5, optionals absent
        String fromTypeScript = "{\"sku\":\"apple\",\"quantity\":2,\"weightKg\":1,\"fragile\":false,\"size\":\"small\","
                + "\"insuredValue\":null,\"tags\":[],\"dimensions\":{\"widthCm\":20,\"heightCm\":10}}";
        for (ClamatorJson json : mappings()) {
            assertThat(read(json, fromPython, Parcel.class)).isEqualTo(MINIMAL);
            assertThat(read(json, fromTypeScript, Parcel.class)).isEqualTo(MINIMAL);
        }
    }

    record Counts(int quantity, long total, double ratio) {
    }

    record Text(String value) {
    }

    record Flag(boolean on) {
    }

    @Test
    void numbersStringsAndBooleans() {
        for (ClamatorJson json : mappings()) {
            assertThat(read(json, "{\"quantity\":5.0,\"total\":7,\"ratio\":5}", Counts.class)).isEqualTo(new Counts(5, 7, 5.0));
            assertThatThrownBy(() -> read(json, "{\"quantity\":5.5,\"total\":7,\"ratio\":5}", Counts.class))
                    .isInstanceOf(DatabindException.class).hasMessageContaining("expected an integer");
            assertThatThrownBy(() -> read(json, "{\"quantity\":3000000000,\"total\":7,\"ratio\":5}", Counts.class))
                    .isInstanceOf(DatabindException.class).hasMessageContaining("out of range");
            assertThatThrownBy(() -> read(json, "{\"quantity\":\"5\",\"total\":7,\"ratio\":5}", Counts.class))
                    .isInstanceOf(DatabindException.class);
            assertThatThrownBy(() -> read(json, "{\"total\":7,\"ratio\":5}", Counts.class))
                    .as("a missing primitive").isInstanceOf(DatabindException.class);
            assertThatThrownBy(() -> read(json, "{\"quantity\":1,\"total\":7,\"ratio\":null}", Counts.class))
                    .as("null for a primitive").isInstanceOf(DatabindException.class);
            assertThat(write(json, new Counts(5, 7, 5))).isEqualTo("{\"quantity\":5,\"total\":7,\"ratio\":5.0}");
            assertThatThrownBy(() -> read(json, "{\"on\":\"true\"}", Flag.class)).isInstanceOf(DatabindException.class);
            assertThatThrownBy(() -> read(json, "{\"on\":1}", Flag.class)).isInstanceOf(DatabindException.class);
            // nor the other way round: a number or boolean is not read into a String field
            assertThatThrownBy(() -> read(json, "{\"value\":5}", Text.class)).isInstanceOf(DatabindException.class);
            assertThatThrownBy(() -> read(json, "{\"value\":true}", Text.class)).isInstanceOf(DatabindException.class);
        }
    }

    @Test
    void enumsUseTheWireNames() {
        for (ClamatorJson json : mappings()) {
            assertThatThrownBy(() -> read(json, "{\"sku\":\"a\",\"quantity\":1,\"weightKg\":1,\"fragile\":false,\"size\":\"huge\","
                    + "\"tags\":[],\"dimensions\":{\"widthCm\":1,\"heightCm\":1}}", Parcel.class))
                    .isInstanceOf(DatabindException.class).hasMessageContaining("huge");
        }
    }

    @Test
    void unknownFieldsAreIgnoredUnlessStrict() {
        ClamatorJson strict = ClamatorJson.builder().strictUnknownFields(true).build();
        assertThat(read(ClamatorJson.defaults(), "{\"value\":\"x\",\"extra\":1}", Text.class)).isEqualTo(new Text("x"));
        assertThatThrownBy(() -> read(strict, "{\"value\":\"x\",\"extra\":1}", Text.class))
                .isInstanceOf(DatabindException.class).hasMessageContaining("extra");
    }

    @Test
    void nonFiniteNumbersAreNeverSentNorRead() {
        for (ClamatorJson json : mappings()) {
            assertThatThrownBy(() -> json.toTree(new Counts(1, 1, Double.NaN)))
                    .isInstanceOf(ClamatorProtocolException.class).hasMessageContaining("NaN and Infinity cannot be sent");
            assertThatThrownBy(() -> json.readTree("{\"ratio\":NaN}"))
                    .isInstanceOf(ClamatorProtocolException.class).hasMessageContaining("Parse error");
        }
    }
}
