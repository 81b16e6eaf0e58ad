package io.clamator.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.clamator.contract.ClamatorContract;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java-first contracts described for the other languages: the Java generated from a Zod contract,
 * described again, gives the same schemas and hashes wherever the mapping is lossless, and a Zod
 * file that says the same.
 */
class JavaContractsTest {

    private static final ContractsDescription UPSTREAM = ContractsDescription.read(UpstreamFixturesTest.resource("upstream-description.json"));
    private static final ContractsDescription SHOP = ContractsDescription.read(UpstreamFixturesTest.resource("shop-description.json"));

    static ContractsDescription describeGenerated(ContractsDescription description, String packageName, List<String> interfaces,
                                                  Path folder) throws Exception {
        try (Compiled compiled = Compiled.of(new JavaGenerator(GeneratorOptions.of(packageName)).generate(description), folder)) {
            return JavaContracts.describe(interfaces.stream().<Class<?>>map(name -> compiled.type(packageName + "." + name)).toList());
        }
    }

    static Map<String, String> hashes(ContractsDescription description) {
        Map<String, String> hashes = new TreeMap<>();
        description.contracts().forEach(contract -> contract.methods().forEach(method -> {
            hashes.put(contract.service() + "." + method.name() + " params", method.paramsHash());
            if (!method.notification()) {
                hashes.put(contract.service() + "." + method.name() + " result", method.resultHash());
            }
        }));
        return hashes;
    }

    @Test
    void upstreamsFixturesComeBackFromJavaWithTheirHashes(@TempDir Path folder) throws Exception {
        ContractsDescription described = describeGenerated(UPSTREAM, "io.example.contracts", List.of("Arith", "Launch", "Notifications"), folder);
        assertThat(hashes(described)).isEqualTo(hashes(UPSTREAM));
        assertThat(described.contracts().get(1).methods().get(0).result()).isEqualTo(UPSTREAM.contracts().get(1).methods().get(0).result());
    }

    @Test
    void theRichContractComesBackFromJavaExceptForWhatJavaDoesNotKeep(@TempDir Path folder) throws Exception {
        ContractsDescription described = describeGenerated(SHOP, "io.example.shop", List.of("Shop"), folder);
        Map<String, String> original = hashes(SHOP);
        Map<String, String> back = hashes(described);
        assertThat(back.keySet()).isEqualTo(original.keySet());
        // not kept in Java: describe() texts (Javadoc is not there at run time), nullish (a Java field left out or null is one thing)
        List<String> lossy = List.of("shop.placeOrder params", "shop.stock result");
        original.forEach((method, hash) -> {
            if (lossy.contains(method)) {
                assertThat(back.get(method)).as(method + " (describe texts, nullish)").isNotEqualTo(hash);
            } else {
                assertThat(back.get(method)).as(method).isEqualTo(hash);
            }
        });
        // as text: the order of the keys is part of the schema (its hash is of the text)
        assertThat(schema(described, "placeOrder", false).toString()).as("placeOrder's params, but for what Java does not keep")
                .isEqualTo(asJavaKeepsIt(schema(SHOP, "placeOrder", false), "coupon").toString());
        assertThat(schema(described, "stock", true).toString()).as("stock's result, but for what Java does not keep")
                .isEqualTo(asJavaKeepsIt(schema(SHOP, "stock", true), null).toString());
        String text = described.contracts().get(0).methods().get(1).params().toString();
        assertThat(text).as("what is kept of placeOrder's params").doesNotContain("description")
                .contains("\"coupon\":{\"type\":\"string\"}")
                .contains("\"payment\":{\"anyOf\":[{\"type\":\"object\",\"properties\":{\"method\":{\"type\":\"string\",\"const\":\"card\"}");
    }

    private static JsonNode schema(ContractsDescription description, String method, boolean result) {
        ContractsDescription.Method found = description.contracts().get(0).methods().stream()
                .filter(candidate -> candidate.name().equals(method)).findFirst().orElseThrow();
        return result ? found.result() : found.params();
    }

    /** The schema without its describe() texts, and its nullish property (if any) as the optional one Java gives back. */
    private static JsonNode asJavaKeepsIt(JsonNode schema, String nullishProperty) {
        ObjectNode kept = withoutDescriptions(schema.deepCopy());
        if (nullishProperty == null) {
            return kept;
        }
        ObjectNode properties = (ObjectNode) kept.get("properties");
        JsonNode nullish = properties.get(nullishProperty);
        JsonNode notNull = nullish.has("anyOf") ? nullish.get("anyOf").get(0)
                : ((ObjectNode) nullish.deepCopy()).put("type", nullish.get("type").get(0).asString());
        properties.set(nullishProperty, notNull);
        ArrayNode required = (ArrayNode) kept.get("required");
        for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asString().equals(nullishProperty)) {
                required.remove(i);
            }
        }
        return kept;
    }

    private static ObjectNode withoutDescriptions(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("description");
            object.values().forEach(JavaContractsTest::withoutDescriptions);
        } else if (node instanceof ArrayNode array) {
            array.values().forEach(JavaContractsTest::withoutDescriptions);
        }
        return node instanceof ObjectNode object ? object : null;
    }

    @Test
    void aJavaContractIsWrittenAsAZodContractFile(@TempDir Path folder) throws Exception {
        ContractsDescription described = describeGenerated(UPSTREAM, "io.example.contracts", List.of("Arith", "Launch", "Notifications"), folder);
        assertThat(ZodWriter.write(described.contracts().get(1)))
                .startsWith("// The launch contract, from the Java contract io.example.contracts.Launch, written by clamator-codegen.\n"
                        + "import { z } from 'zod';\n"
                        + "import { defineContract, defineMethod, defineNotification } from '@clamator/protocol';\n\n"
                        + "export const launchContract = defineContract(\"launch\", {\n")
                .contains("  start: defineMethod({\n    params: z.object({ processId: z.string() }),\n"
                        + "    result: z.discriminatedUnion(\"ok\", [z.object({ ok: z.literal(true), runId: z.string() }),"
                        + " z.object({ ok: z.literal(false), reason: z.enum([\"not-launchable\", \"already-running\", \"not-found\"]) })]),\n");
        assertThat(ZodWriter.write(described.contracts().get(2)))
                .contains("  ping: defineNotification({\n    params: z.object({ tag: z.string().optional() }),\n  }),\n");
    }

    /** A Java-first union whose branches carry their string discriminator as a component of their own. */
    @ClamatorContract("till")
    interface Till {
        Receipt pay(Payment payment);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type", visible = true)
    @JsonSubTypes({@JsonSubTypes.Type(value = Card.class, name = "card"), @JsonSubTypes.Type(value = Cash.class, name = "cash")})
    sealed interface Payment permits Card, Cash {
    }

    record Card(String type, @NotNull String number) implements Payment {
    }

    record Cash(String type, double amount) implements Payment {
    }

    record Receipt(@NotNull String id) {
    }

    @ClamatorContract("wrapped")
    interface Wrapped {
        Receipt pay(WrappedPayment payment);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    @JsonSubTypes(@JsonSubTypes.Type(value = WrappedCard.class, name = "card"))
    sealed interface WrappedPayment permits WrappedCard {
    }

    record WrappedCard(@NotNull String number) implements WrappedPayment {
    }

    @Test
    void aUnionWithStringNamesAndTheirOwnDiscriminatorComponentIsDescribedWithStringLiterals() {
        ContractsDescription described = JavaContracts.describe(List.of(Till.class));
        String params = JsJson.stringify(described.contracts().get(0).methods().get(0).params());
        assertThat(params).contains("\"type\":{\"type\":\"string\",\"const\":\"card\"}")
                .contains("\"type\":{\"type\":\"string\",\"const\":\"cash\"}").doesNotContain("\"const\":false");
    }

    @ClamatorContract("hidden")
    interface Hidden {
        Receipt pay(HiddenPayment payment);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type")
    @JsonSubTypes(@JsonSubTypes.Type(value = HiddenCard.class, name = "card"))
    sealed interface HiddenPayment permits HiddenCard {
    }

    record HiddenCard(String type, @NotNull String number) implements HiddenPayment {
    }

    @Test
    void aUnionWhoseBranchesWouldReadTheirOwnDiscriminatorAsNullIsRefused() {
        assertThatThrownBy(() -> JavaContracts.describe(List.of(Hidden.class))).isInstanceOf(CodegenException.class)
                .hasMessageContaining("has include = EXISTING_PROPERTY without visible = true");
    }

    @Test
    void aUnionWrittenOtherwiseThanWithAPropertyIsRefused() {
        assertThatThrownBy(() -> JavaContracts.describe(List.of(Wrapped.class))).isInstanceOf(CodegenException.class)
                .hasMessageContaining("is written with include = WRAPPER_OBJECT");
    }

    @ClamatorContract("counts")
    interface Counts {
        Receipt count(Counted counted);
    }

    record Counted(int units, Short small, @jakarta.validation.constraints.Min(1) int atLeastOne, long total) {
    }

    @Test
    void anIntOrShortIsDescribedWithinItsRangeAndComesBackAsAnIntWithoutRangeChecks() {
        ContractsDescription described = JavaContracts.describe(List.of(Counts.class));
        String params = JsJson.stringify(described.contracts().get(0).methods().get(0).params());
        assertThat(params).contains("\"units\":{\"type\":\"integer\",\"minimum\":-2147483648,\"maximum\":2147483647}")
                .contains("\"small\":{\"type\":\"integer\",\"minimum\":-32768,\"maximum\":32767}")
                .contains("\"atLeastOne\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":2147483647}")
                .contains("\"total\":{\"type\":\"integer\"}");
        String generated = new JavaGenerator(GeneratorOptions.of("io.example")).generate(described).get(0).content();
        assertThat(generated).contains("int units").contains("@Min(-32768) @Max(32767) Integer small")
                .contains("@Min(1) int atLeastOne").contains("long total").doesNotContain("2147483647");
    }

    @ClamatorContract("keyed")
    interface Keyed {
        Receipt put(ByEnum byEnum);
    }

    enum Colour { RED }

    record ByEnum(Map<Colour, String> names) {
    }

    @Test
    void aMapWhoseKeysAreNoStringsIsRefused() {
        assertThatThrownBy(() -> JavaContracts.describe(List.of(Keyed.class))).isInstanceOf(CodegenException.class)
                .hasMessageContaining("at $.names: a map's keys must be Strings (z.record(z.string(), ...)), not ");
    }

    @ClamatorContract("notes")
    interface Notes {
        Receipt add(Note note);

        <T> Receipt tag(Tagged<T> tagged);
    }

    record Note(@NotNull String text, java.util.Optional<String> author) {
    }

    record Tagged<T>(T value) {
    }

    @Test
    void anOptionalComponentIsDescribedAsTheOptionalValueItHolds() {
        ContractsDescription described = JavaContracts.describe(List.of(NotesOnly.class));
        assertThat(JsJson.stringify(described.contracts().get(0).methods().get(0).params())).startsWith(
                "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"},\"author\":{\"type\":\"string\"}},"
                        + "\"required\":[\"text\"]");
    }

    @ClamatorContract("notes-only")
    interface NotesOnly {
        Receipt add(Note note);
    }

    @Test
    void aTypeVariableIsRefusedNamingWhereItIs() {
        assertThatThrownBy(() -> JavaContracts.describe(List.of(Notes.class))).isInstanceOf(CodegenException.class)
                .hasMessageContaining("at $.value: the Java type T (a type variable, wildcard or generic array) has no Zod counterpart");
    }
}
