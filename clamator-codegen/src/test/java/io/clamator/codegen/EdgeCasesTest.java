package io.clamator.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.json.ClamatorJson;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contracts whose names and shapes could trip the generator: type names that would hide what the
 * file uses, members named like Object's methods, Javadoc that would break the comment, map
 * params, lists of anything, a one-value enum as discriminator.
 */
class EdgeCasesTest {

    private static final String DESCRIPTION = """
            {"format": 1, "contracts": [{"service": "list", "methods": [
              {"name": "wait", "notification": false,
               "params": {"type": "object", "properties": {
                   "size": {"type": "string", "enum": ["s", "m"], "description": "C:\\\\users\\\\x {@code */} <b>"},
                   "list": {"type": "object", "properties": {"notify": {"type": "boolean"}, "class": {"type": "string", "minLength": 1}},
                            "required": ["notify"], "additionalProperties": false},
                   "anything": {"type": "array"},
                   "shape": {"anyOf": [
                       {"type": "object", "properties": {"kind": {"type": "string", "enum": ["circle"]}, "r": {"type": "number"}},
                        "required": ["kind", "r"], "additionalProperties": false},
                       {"type": "object", "properties": {"kind": {"type": "string", "enum": ["square"]}, "side": {"type": "number"}},
                        "required": ["kind", "side"], "additionalProperties": false}]}},
                 "required": ["size", "list", "shape"], "additionalProperties": false},
               "result": {"type": "object", "additionalProperties": {"type": "integer"}}},
              {"name": "toString", "notification": false, "params": {"type": "object", "properties": {}, "additionalProperties": false},
               "result": {"type": "object", "properties": {"statuses": {"type": "array", "items": {"type": "object",
                   "properties": {"status": {"type": "string"}}, "additionalProperties": false}}}, "additionalProperties": false}}
            ]}]}""";

    private final List<GeneratedSource> sources = new JavaGenerator(GeneratorOptions.of("io.example"))
            .generate(ContractsDescription.parse(DESCRIPTION, "test"));

    @Test
    void theGeneratedSourceCompilesWhateverTheNames(@TempDir Path folder) throws Exception {
        String source = sources.get(0).content();
        assertThat(sources.get(0).qualifiedName()).isEqualTo("io.example.ListContract");
        assertThat(source)
                .contains("@ClamatorMethod(\"wait\")\n    Map<String, Long> wait_(WaitParams params);")
                .contains("@ClamatorMethod(\"toString\")\n    ToStringResult toString_();")
                .contains("@NotNull WaitParamsSize size")
                .contains("@NotNull @Valid WaitParamsList list")
                .contains("@JsonProperty(\"notify\") boolean notify_")
                .contains("@JsonProperty(\"class\") @Size(min = 1) String class_")
                .contains("List<JsonNode> anything")
                .contains("List<@Valid Status> statuses")
                .contains("C:&#92;users&#92;x &#123;&#64;code *&#47;&#125; &lt;b&gt;");
        try (Compiled compiled = Compiled.of(sources, folder)) {
            ClamatorJson json = ClamatorJson.defaults();
            Object params = json.mapper().readValue("{\"size\":\"m\",\"list\":{\"notify\":true,\"class\":\"x\"},\"anything\":[1,\"a\"],"
                    + "\"shape\":{\"kind\":\"square\",\"side\":2.0}}", compiled.type("io.example.ListContract$WaitParams"));
            assertThat(json.mapper().readTree(json.mapper().writeValueAsString(params))).isEqualTo(json.mapper().readTree(
                    "{\"size\":\"m\",\"list\":{\"notify\":true,\"class\":\"x\"},\"anything\":[1,\"a\"],\"shape\":{\"kind\":\"square\",\"side\":2.0}}"));
        }
    }

    @Test
    void zodDefaultsAreFilledInWhenAFieldArrivesAbsentOrIsLeftNullButNotForANullableField(@TempDir Path folder) throws Exception {
        List<GeneratedSource> generated = new JavaGenerator(GeneratorOptions.of("io.example")).generate(ContractsDescription.parse("""
                {"format": 1, "contracts": [{"service": "quote", "methods": [
                  {"name": "price", "notification": true, "params": {"type": "object", "properties": {
                    "sku": {"type": "string"},
                    "quantity": {"type": "integer", "minimum": 1, "maximum": 100, "default": 1},
                    "discount": {"type": "number", "default": 0.5},
                    "region": {"type": "string", "default": "eu-west"},
                    "express": {"type": "boolean", "default": false},
                    "tier": {"type": "string", "enum": ["basic", "same-day"], "default": "same-day"},
                    "tags": {"type": "array", "items": {"type": "string"}, "default": []},
                    "note": {"type": ["string", "null"], "default": "none"}},
                    "required": ["sku"], "additionalProperties": false}}]}]}""", "test"));
        assertThat(generated.get(0).content()).contains("""
                        public PriceParams {
                            if (quantity == null) {
                                quantity = 1;
                            }
                """);
        try (Compiled compiled = Compiled.of(generated, folder)) {
            ClamatorJson json = ClamatorJson.defaults();
            Object params = json.mapper().readValue("{\"sku\":\"a\",\"note\":null}", compiled.type("io.example.Quote$PriceParams"));
            assertThat(json.mapper().readTree(json.mapper().writeValueAsString(params))).isEqualTo(json.mapper().readTree(
                    "{\"sku\":\"a\",\"quantity\":1,\"discount\":0.5,\"region\":\"eu-west\",\"express\":false,"
                            + "\"tier\":\"same-day\"}"));
        }
    }

    @Test
    void anObjectThatKeepsOtherFieldsIsRefused() {
        String passthrough = DESCRIPTION.replace("\"required\": [\"notify\"], \"additionalProperties\": false",
                "\"required\": [\"notify\"], \"additionalProperties\": true");
        assertThatThrownBy(() -> new JavaGenerator(GeneratorOptions.of("io.example")).generate(ContractsDescription.parse(passthrough, "test")))
                .hasMessageStartingWith("contract list, method wait, params at $.list: an object that keeps fields beside its own");
    }

    @Test
    void aUnionBranchThatKeepsOtherFieldsIsRefusedAsAnObjectIs() {
        String passthrough = DESCRIPTION.replace("\"required\": [\"kind\", \"side\"], \"additionalProperties\": false",
                "\"required\": [\"kind\", \"side\"], \"additionalProperties\": {\"type\": \"string\"}");
        assertThatThrownBy(() -> new JavaGenerator(GeneratorOptions.of("io.example")).generate(ContractsDescription.parse(passthrough, "test")))
                .hasMessageStartingWith("contract list, method wait, params at $.shape<kind=square>: an object that keeps fields"
                        + " beside its own");
    }

    @Test
    void aFormattedStringsLengthAndPatternAreLeftToZodSinceBeanValidationChecksThemOnStringsOnly(@TempDir Path folder)
            throws Exception {
        List<GeneratedSource> generated = new JavaGenerator(GeneratorOptions.of("io.example")).generate(ContractsDescription.parse("""
                {"format": 1, "contracts": [{"service": "site", "methods": [
                  {"name": "add", "notification": true, "params": {"type": "object", "properties": {
                    "website": {"type": "string", "format": "uri", "maxLength": 2048},
                    "id": {"type": "string", "format": "uuid", "minLength": 36, "pattern": "^[0-9a-f-]+$"},
                    "contact": {"type": "string", "format": "email", "maxLength": 64}},
                    "required": ["website", "id", "contact"], "additionalProperties": false}}]}]}""", "test"));
        assertThat(generated.get(0).content()).contains("@NotNull URI website").contains("@NotNull UUID id")
                .contains("@NotNull @Size(max = 64) @Email String contact");
        try (Compiled compiled = Compiled.of(generated, folder)) {
            Object params = ClamatorJson.defaults().mapper().readValue("{\"website\":\"https://example.com\","
                    + "\"id\":\"7d444840-9dc0-11d1-b245-5ffdce74fad2\",\"contact\":\"a@example.com\"}",
                    compiled.type("io.example.Site$AddParams"));
            try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
                assertThat(factory.getValidator().validate(params)).as("validated without UnexpectedTypeException").isEmpty();
            }
        }
    }

    @Test
    void aPatternJavaCannotCompileFailsTheGenerationNamingIt() {
        assertThatThrownBy(() -> new JavaGenerator(GeneratorOptions.of("io.example")).generate(ContractsDescription.parse("""
                {"format": 1, "contracts": [{"service": "chat", "methods": [
                  {"name": "send", "notification": true, "params": {"type": "object", "properties": {
                    "text": {"type": "string", "pattern": "^(\\\\p{Extended_Pictographic})+$"}},
                    "required": ["text"], "additionalProperties": false}}]}]}""", "test")))
                .hasMessageStartingWith("contract chat, method send, params at $.text: the pattern /^(\\p{Extended_Pictographic})+$/"
                        + " is not a Java regular expression");
    }

    @Test
    void resultsOfAnyJsonTypeMapAsAFieldOfThatSchemaWould(@TempDir Path folder) throws Exception {
        String item = "{\"type\": \"object\", \"properties\": {\"sku\": {\"type\": \"string\"}}, \"required\": [\"sku\"],"
                + " \"additionalProperties\": false}";
        List<GeneratedSource> generated = new JavaGenerator(GeneratorOptions.of("io.example")).generate(ContractsDescription.parse("""
                {"format": 1, "contracts": [{"service": "catalog", "methods": [
                  {"name": "list", "notification": false, "params": {"type": "object", "properties": {}, "additionalProperties": false},
                   "result": {"type": "array", "items": %s}},
                  {"name": "count", "notification": false, "params": {"type": "object", "properties": {}, "additionalProperties": false},
                   "result": {"type": "integer"}},
                  {"name": "find", "notification": false, "params": {"type": "object", "properties": {}, "additionalProperties": false},
                   "result": {"anyOf": [%s, {"type": "null"}]}}
                ]}]}""".formatted(item, item), "test"));
        assertThat(generated.get(0).content()).contains("List<@Valid ListResultItem> list();").contains("Long count();")
                .contains("FindResult find();");
        try (Compiled compiled = Compiled.of(generated, folder)) {
            ClamatorJson json = ClamatorJson.defaults();
            java.lang.reflect.Method list = compiled.type("io.example.Catalog").getMethod("list");
            Object items = json.mapper().readValue("[{\"sku\":\"a\"}]", json.mapper().constructType(list.getGenericReturnType()));
            assertThat(json.mapper().writeValueAsString(items)).isEqualTo("[{\"sku\":\"a\"}]");
            assertThat(compiled.type("io.example.Catalog").getMethod("count").getReturnType()).isEqualTo(Long.class);
        }
    }

    @Test
    void aPatternZodNeedOnlyFindIsMatchedAnywhere() {
        assertThat(SchemaMapper.wholeMatch("^[0-9]{5}$")).isEqualTo("^[0-9]{5}$");
        assertThat(SchemaMapper.wholeMatch("^ord\\-")).isEqualTo("(?s).*(?:^ord\\-).*");
        assertThat("ord-123".matches(SchemaMapper.wholeMatch("^ord\\-"))).isTrue();
        assertThat("an ord-1".matches(SchemaMapper.wholeMatch("^ord\\-"))).isFalse();
    }
}
