package io.clamator.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the generator cannot map fails with the contract, the method and the JSON path. */
class MappingErrorsTest {

    private static void generate(String params) {
        String description = """
                {"format": 1, "contracts": [{"service": "shop", "methods": [
                  {"name": "place", "notification": true, "params": %s}]}]}""".formatted(params);
        new JavaGenerator(GeneratorOptions.of("io.example")).generate(ContractsDescription.parse(description, "test"));
    }

    private static String object(String property) {
        return "{\"type\":\"object\",\"properties\":{\"x\":" + property + "},\"required\":[\"x\"],\"additionalProperties\":false}";
    }

    @Test
    void aUnionOfDifferentKindsNamesWhereItIs() {
        assertThatThrownBy(() -> generate(object("{\"type\":[\"string\",\"number\"]}"))).isInstanceOf(CodegenException.class)
                .hasMessage("contract shop, method place, params at $.x: a value of several types [string, number] cannot be mapped;"
                        + " use one type, or a discriminated union");
    }

    @Test
    void aUnionOfObjectsWithoutADiscriminator() {
        assertThatThrownBy(() -> generate(object("{\"anyOf\":[{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}},"
                + "{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"string\"}}}]}")))
                .hasMessageStartingWith("contract shop, method place, params at $.x: a union can be mapped only when it is of string"
                        + " literals, or of objects told apart by a property holding a different string literal in each");
    }

    @Test
    void aKeywordOfAConstructWithoutAMapping() {
        assertThatThrownBy(() -> generate(object("{\"type\":\"array\",\"items\":{\"type\":\"number\",\"multipleOf\":5}}")))
                .hasMessageStartingWith("contract shop, method place, params at $.x[]: the JSON Schema keyword \"multipleOf\"");
    }

    @Test
    void aPackageNameWithAJavaKeywordIsRefusedBeforeAnythingIsGenerated() {
        assertThatThrownBy(() -> GeneratorOptions.of("com.example.new")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a Java package name: \"com.example.new\" (a part of it may be a Java keyword)");
        assertThat(GeneratorOptions.of("com.example.record").packageName()).as("a contextual keyword is a name").isEqualTo("com.example.record");
    }

    @Test
    void anIntegerBoundBeyondAJavaLongIsRefusedWithItsPath() {
        assertThatThrownBy(() -> generate(object("{\"type\":\"integer\",\"maximum\":1e20}")))
                .hasMessage("contract shop, method place, params at $.x: the integer's maximum lies outside what a Java long holds"
                        + " (100000000000000000000)");
    }

    @Test
    void fractionalIntegerBoundsAreRoundedToTheIntegersTheyAllow() {
        String generated = new JavaGenerator(GeneratorOptions.of("io.example")).generate(ContractsDescription.parse("""
                {"format": 1, "contracts": [{"service": "shop", "methods": [
                  {"name": "place", "notification": true, "params": {"type": "object", "properties": {
                    "a": {"type": "integer", "minimum": 0.5}, "b": {"type": "integer", "exclusiveMinimum": -0.5},
                    "c": {"type": "integer", "maximum": 2.5}, "d": {"type": "integer", "exclusiveMaximum": 7.5}},
                    "required": ["a", "b", "c", "d"], "additionalProperties": false}}]}]}""", "test")).get(0).content();
        assertThat(generated).contains("@Min(1) long a").contains("@Min(0) long b").contains("@Max(2) long c").contains("@Max(7) long d");
    }

    @Test
    void aTupleAndAnUnknownStringFormat() {
        assertThatThrownBy(() -> generate(object("{\"type\":\"array\",\"items\":[{\"type\":\"string\"}],\"minItems\":1}")))
                .hasMessageStartingWith("contract shop, method place, params at $.x: an array with an item schema per position (a tuple)");
        assertThatThrownBy(() -> generate(object("{\"type\":\"string\",\"format\":\"ipv4\"}")))
                .hasMessageStartingWith("contract shop, method place, params at $.x: the string format \"ipv4\" cannot be mapped");
    }

    @Test
    void aMethodNameWithAHyphenWhichClamatorForJavaCouldNotServeSaysHowToRenameIt() {
        String description = """
                {"format": 1, "contracts": [{"service": "shop", "methods": [
                  {"name": "place-order", "notification": true, "params": {"type": "object", "properties": {}}}]}]}""";
        assertThatThrownBy(() -> new JavaGenerator(GeneratorOptions.of("io.example")).generate(ContractsDescription.parse(description, "test")))
                .isInstanceOf(CodegenException.class)
                .hasMessage("contract shop, method place-order: the method name must be camelCase letters and digits, starting with"
                        + " a lowercase letter (^[a-z][a-zA-Z0-9]*$), the rule every clamator peer accepts; rename it, e.g. placeOrder");
    }

    @Test
    void paramsThatAreNoObject() {
        assertThatThrownBy(() -> generate("{\"type\":\"string\"}"))
                .hasMessageStartingWith("contract shop, method place, params at $: params must be objects");
    }
}
