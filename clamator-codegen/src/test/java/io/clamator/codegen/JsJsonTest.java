package io.clamator.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * JSON text as JavaScript writes it. The expected texts are what Node's {@code JSON.stringify}
 * printed for the same values; the Node suite compares many more against Node itself.
 */
class JsJsonTest {

    @Test
    void numbersAreWrittenAsJavaScriptWritesThem() {
        assertThat(JsJson.number(0)).isEqualTo("0");
        assertThat(JsJson.number(-0.0)).isEqualTo("0");
        assertThat(JsJson.number(5.0)).isEqualTo("5");
        assertThat(JsJson.number(-1)).isEqualTo("-1");
        assertThat(JsJson.number(0.1)).isEqualTo("0.1");
        assertThat(JsJson.number(0.001)).isEqualTo("0.001");
        assertThat(JsJson.number(0.000015)).isEqualTo("0.000015");
        assertThat(JsJson.number(1e-6)).isEqualTo("0.000001");
        assertThat(JsJson.number(1e-7)).isEqualTo("1e-7");
        assertThat(JsJson.number(-1.2345e-7)).isEqualTo("-1.2345e-7");
        assertThat(JsJson.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(JsJson.number(123456789012345680000.0)).isEqualTo("123456789012345680000");
        assertThat(JsJson.number(1e21)).isEqualTo("1e+21");
        assertThat(JsJson.number(1.5e21)).isEqualTo("1.5e+21");
        assertThat(JsJson.number(2e23)).isEqualTo("2e+23");
        assertThat(JsJson.number(0x1p53 + 2)).isEqualTo("9007199254740994");
        assertThat(JsJson.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(JsJson.number(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(JsJson.number(Double.MIN_VALUE)).isEqualTo("5e-324");
        assertThat(JsJson.number(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(JsJson.number(0x1p122)).as("a power of two: the shortest decimal lies on the far side").isEqualTo("5.316911983139664e+36");
        assertThat(JsJson.number(0x1p1023)).isEqualTo("8.98846567431158e+307");
        assertThat(JsJson.number(Double.NaN)).isEqualTo("null");
    }

    @Test
    void stringsAreEscapedAsJavaScriptEscapesThem() {
        assertThat(JsJson.stringify("a\u0001b\u001fc\n\t\"\\\u2028\ud800x\udc00\ud83d\ude00\u007f\b\f\r"))
                .isEqualTo("\"a\\u0001b\\u001fc\\n\\t\\\"\\\\\u2028\\ud800x\\udc00\ud83d\ude00\u007f\\b\\f\\r\"");
    }

    @Test
    void treesKeepTheirKeyOrderAndWriteTheirNumbersAsJavaScript() {
        JsonNode tree = JsJson.MAPPER.readTree("{\"z\":1.0E-7,\"a\":[5.0,true,null,\"x\"],\"m\":{},\"big\":12345678901234567890123}");
        assertThat(JsJson.stringify(tree)).isEqualTo("{\"z\":1e-7,\"a\":[5,true,null,\"x\"],\"m\":{},\"big\":1.2345678901234568e+22}");
    }
}
