package io.clamator.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.clamator.protocol.ClamatorProtocolException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;

class ClamatorJsonTest {

    private final ClamatorJson json = ClamatorJson.defaults();

    record Ping(String tag) {
    }

    record WithOptional(String name, Optional<String> nickname, Integer age) {
    }

    record Counts(int small, long big, double ratio, Integer boxed) {
    }

    record Nested(String title, List<Item> items) {
        record Item(String sku, int quantity) {
        }
    }

    /** A plain (non-record) class with a no-arg constructor and setters. */
    public static class PlainBean {
        private String label;
        private double weight;

        public String getLabel() {
            return label;
        }

        public void setLabel(String label) {
            this.label = label;
        }

        public double getWeight() {
            return weight;
        }

        public void setWeight(double weight) {
            this.weight = weight;
        }
    }

    private <T> T read(String text, Class<T> type) {
        return json.fromTree(json.readTree(text), type);
    }

    @Test
    void absentOptionalFieldsAreOmittedOnSend() {
        assertThat(json.write(json.toTree(new Ping(null)))).isEqualTo("{}");
        assertThat(json.write(json.toTree(new WithOptional("ann", Optional.empty(), null)))).isEqualTo("{\"name\":\"ann\"}");
        assertThat(json.write(json.toTree(new WithOptional("ann", Optional.of("A"), 3))))
                .isEqualTo("{\"name\":\"ann\",\"nickname\":\"A\",\"age\":3}");
    }

    @Test
    void nullIsReadAsAbsent() {
        assertThat(read("{\"tag\":null}", Ping.class)).isEqualTo(new Ping(null));
        assertThat(read("{}", Ping.class)).isEqualTo(new Ping(null));
        WithOptional value = read("{\"name\":\"ann\",\"nickname\":null,\"age\":null}", WithOptional.class);
        assertThat(value.nickname()).isEmpty();
        assertThat(value.age()).isNull();
    }

    @Test
    void unknownFieldsAreIgnoredByDefaultAndRejectedWhenStrict() {
        assertThat(read("{\"tag\":\"x\",\"extra\":1}", Ping.class)).isEqualTo(new Ping("x"));
        ClamatorJson strict = ClamatorJson.builder().strictUnknownFields(true).build();
        assertThat(strict.strictUnknownFields()).isTrue();
        assertThatThrownBy(() -> strict.fromTree(strict.readTree("{\"tag\":\"x\",\"extra\":1}"), Ping.class))
                .isInstanceOf(DatabindException.class)
                .hasMessageContaining("extra");
    }

    @Test
    void integersAndIntegralFloatsAreBothAcceptedForNumbers() {
        Counts fromInts = read("{\"small\":5,\"big\":9007199254740993,\"ratio\":5,\"boxed\":7}", Counts.class);
        Counts fromFloats = read("{\"small\":5.0,\"big\":6.0,\"ratio\":5.0,\"boxed\":7.0}", Counts.class);
        assertThat(fromInts).isEqualTo(new Counts(5, 9007199254740993L, 5.0, 7));
        assertThat(fromFloats).isEqualTo(new Counts(5, 6L, 5.0, 7));
        assertThat(read("{\"small\":5E+2,\"big\":9007199254740993.0,\"ratio\":1}", Counts.class))
                .isEqualTo(new Counts(500, 9007199254740993L, 1.0, null));
    }

    @Test
    void fractionsAndOutOfRangeValuesAreRejectedForIntegerFields() {
        assertThatThrownBy(() -> read("{\"small\":5.5,\"big\":1,\"ratio\":1}", Counts.class))
                .isInstanceOf(DatabindException.class).hasMessageContaining("expected an integer");
        assertThatThrownBy(() -> read("{\"small\":1,\"big\":1,\"ratio\":1,\"boxed\":2.25}", Counts.class))
                .isInstanceOf(DatabindException.class).hasMessageContaining("expected an integer");
        assertThatThrownBy(() -> read("{\"small\":3000000000,\"big\":1,\"ratio\":1}", Counts.class))
                .isInstanceOf(DatabindException.class).hasMessageContaining("out of range");
    }

    @Test
    void stringsAreNotCoercedIntoNumbers() {
        assertThatThrownBy(() -> read("{\"small\":\"5\",\"big\":1,\"ratio\":1}", Counts.class))
                .isInstanceOf(DatabindException.class);
        assertThatThrownBy(() -> read("{\"small\":1,\"big\":1,\"ratio\":\"two\"}", Counts.class))
                .isInstanceOf(DatabindException.class);
    }

    record Money(BigDecimal amount, BigInteger units, long cents) {
    }

    record PricedAsText(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    @Test
    void decimalsKeepEveryDigitAndTheirScaleBothWays() {
        String text = "{\"amount\":12345678901234.5678,\"units\":123456789012345678901234567890,\"cents\":9007199254740993}";
        Money money = read(text, Money.class);
        assertThat(money.amount()).isEqualTo(new BigDecimal("12345678901234.5678"));
        assertThat(money.units()).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(money.cents()).isEqualTo(9007199254740993L);
        assertThat(json.write(json.toTree(money))).isEqualTo(text);

        Money scaled = read("{\"amount\":0.60,\"units\":0,\"cents\":0}", Money.class);
        assertThat(scaled.amount().scale()).isEqualTo(2);
        assertThat(json.write(json.toTree(scaled))).startsWith("{\"amount\":0.60,");
        assertThat(json.write(json.toTree(new Money(new BigDecimal("1E+3"), BigInteger.ONE, 1))))
                .as("written in plain notation, as every peer reads it").startsWith("{\"amount\":1000,");
    }

    @Test
    void decimalsAreReadFromTheStringsPythonWritesForDecimalAndWrittenSoWhenAsked() {
        Money money = read("{\"amount\":\"12345678901234.5678\",\"units\":\"42\",\"cents\":1}", Money.class);
        assertThat(money.amount()).isEqualTo(new BigDecimal("12345678901234.5678"));
        assertThat(money.units()).isEqualTo(BigInteger.valueOf(42));
        assertThatThrownBy(() -> read("{\"amount\":\"twelve\",\"units\":1,\"cents\":1}", Money.class))
                .isInstanceOf(DatabindException.class).hasMessageContaining("expected a decimal number");
        assertThatThrownBy(() -> read("{\"amount\":1,\"units\":\"1.5\",\"cents\":1}", Money.class))
                .isInstanceOf(DatabindException.class).hasMessageContaining("expected an integer");
        assertThat(json.write(json.toTree(new PricedAsText(new BigDecimal("0.60"))))).isEqualTo("{\"amount\":\"0.60\"}");
    }

    @Test
    void floatsStillReadAsTheNearestDouble() {
        Counts counts = read("{\"small\":1,\"big\":1,\"ratio\":12345678901234.5678}", Counts.class);
        assertThat(counts.ratio()).isEqualTo(12345678901234.5678);
        assertThat(json.write(json.toTree(counts))).contains("\"ratio\":1.2345678901234568E13");
        assertThat(read("{\"x\":1.5}", java.util.Map.class).get("x")).as("untyped values keep every digit too").isEqualTo(new BigDecimal("1.5"));
    }

    @Test
    void nullIsRejectedForPrimitiveFields() {
        assertThatThrownBy(() -> read("{\"small\":null,\"big\":1,\"ratio\":1}", Counts.class))
                .isInstanceOf(DatabindException.class);
        assertThatThrownBy(() -> read("{\"small\":1,\"big\":1,\"ratio\":null}", Counts.class))
                .isInstanceOf(DatabindException.class);
    }

    @Test
    void nonFiniteNumbersAreNeverWritten() {
        assertThatThrownBy(() -> json.toTree(new Counts(1, 1, Double.NaN, null)))
                .isInstanceOf(ClamatorProtocolException.class)
                .hasMessageContaining("NaN and Infinity")
                .hasMessageContaining("$.ratio");
        assertThatThrownBy(() -> json.toTree(List.of(1.0, Double.POSITIVE_INFINITY)))
                .isInstanceOf(ClamatorProtocolException.class)
                .hasMessageContaining("$[1]");
        assertThatThrownBy(() -> json.toTree(new Object[] {new Nested("t", List.of()), Float.NEGATIVE_INFINITY}))
                .isInstanceOf(ClamatorProtocolException.class);
        assertThatThrownBy(() -> json.toTree(java.util.Map.of("outer", List.of(1.0, java.util.Map.of("x", Double.NaN)))))
                .hasMessageContaining("(at $.outer[1].x)");
    }

    @Test
    void mapsRecordsPlainClassesAndNestedStructures() {
        Nested nested = read("{\"title\":\"t\",\"items\":[{\"sku\":\"a\",\"quantity\":2},{\"sku\":\"b\",\"quantity\":3.0}]}", Nested.class);
        assertThat(nested.items()).containsExactly(new Nested.Item("a", 2), new Nested.Item("b", 3));
        PlainBean bean = read("{\"label\":\"box\",\"weight\":2}", PlainBean.class);
        assertThat(bean.getLabel()).isEqualTo("box");
        assertThat(bean.getWeight()).isEqualTo(2.0);
        JsonNode written = json.toTree(bean);
        assertThat(json.write(written)).isEqualTo("{\"label\":\"box\",\"weight\":2.0}");
    }

    @Test
    void keepsAnApplicationMappersSettingsUnderTheRules() {
        tools.jackson.databind.json.JsonMapper base = tools.jackson.databind.json.JsonMapper.builder()
                .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .build();
        ClamatorJson custom = ClamatorJson.builder().baseMapper(base).build();
        assertThat(custom.write(custom.toTree(new WithOptional("a", Optional.empty(), null)))).isEqualTo("{\"name\":\"a\"}");
        record Spaced(String firstName) {
        }
        assertThat(custom.write(custom.toTree(new Spaced("x")))).isEqualTo("{\"first_name\":\"x\"}");
    }
}
