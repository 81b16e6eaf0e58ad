package io.clamator.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.contract.ClamatorContract;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lower step with Node, on the Zod contracts under src/test/zod and the sample's
 * (sample-app/contracts; their npm packages installed there with {@code npm ci}): run by the Node
 * suite ({@code -Pnode-tests}), not by the README's test command.
 */
@Tag("node")
class ZodLoweringNodeTest {

    private static final Path ZOD = Path.of("src/test/zod");

    private final ZodLowering lowering = ZodLowering.withNodeFromEnvironment();

    @Test
    void upstreamsFixturesLowerToTheCommittedDescriptionWithTheHashesOfUpstreamsManifest() {
        ContractsDescription lowered = lowering.lower(ZOD.resolve("upstream"));
        ContractsDescription committed = ContractsDescription.read(UpstreamFixturesTest.resource("upstream-description.json"));
        assertThat(DriftCheck.descriptionDrift(committed, lowered)).isEmpty();
        assertThat(UpstreamManifest.read(UpstreamFixturesTest.resource("upstream-manifest.json")).differencesFrom(lowered)).isEmpty();
        assertThat(lowered.generatedBy()).startsWith("clamator-codegen lower (zod 3.");
    }

    @Test
    void theRichContractLowersToTheCommittedDescription() {
        ContractsDescription committed = ContractsDescription.read(UpstreamFixturesTest.resource("shop-description.json"));
        assertThat(DriftCheck.descriptionDrift(committed, lowering.lower(ZOD.resolve("rich")))).isEmpty();
    }

    @Test
    void theSamplesContractLowersToTheDescriptionItsBuildGeneratesFrom() {
        Path sample = Path.of("../sample-app/contracts");
        ContractsDescription committed = ContractsDescription.read(sample.resolve("contracts.json"));
        assertThat(DriftCheck.descriptionDrift(committed, lowering.lower(sample))).isEmpty();
        assertThat(committed.contracts()).extracting(ContractsDescription.Contract::service).containsExactly("inventory");
    }

    @Test
    void aChangedZodFileIsDriftForTheCheckCommand(@TempDir Path folder) throws IOException {
        Path contracts = Files.createDirectory(folder.resolve("contracts"));
        Files.createSymbolicLink(folder.resolve("node_modules"), ZOD.resolve("node_modules").toAbsolutePath());
        Files.writeString(contracts.resolve("arith.ts"),
                Files.readString(ZOD.resolve("upstream/arith.ts")).replace("b: z.number().int() }),\n    result: z.object({ sum",
                        "b: z.number() }),\n    result: z.object({ sum"));
        Path description = folder.resolve("contracts.json");
        Files.writeString(description, new ContractsDescription(null,
                ContractsDescription.read(UpstreamFixturesTest.resource("upstream-description.json")).contracts().subList(0, 1)).toJson());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Codegen.run(new String[] {"check", "--description", description.toString(), "--contracts", contracts.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("drift found:").contains("arith.add: its schemas changed in arith.ts")
                .doesNotContain("arith.divide");

        assertThat(Codegen.run(new String[] {"lower", "--contracts", contracts.toString(), "--out", description.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertThat(Codegen.run(new String[] {"check", "--description", description.toString(), "--contracts", contracts.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .as("lowered again, the description follows").isZero();
    }

    /** A contracts folder under {@code folder} with the test's npm packages beside it. */
    private static Path contractsFolder(Path folder) throws IOException {
        Path contracts = Files.createDirectory(folder.resolve("contracts"));
        Files.createSymbolicLink(folder.resolve("node_modules"), ZOD.resolve("node_modules").toAbsolutePath());
        return contracts;
    }

    @Test
    void aContractReExportedByAnIndexFileIsLoweredOnce(@TempDir Path folder) throws IOException {
        Path contracts = contractsFolder(folder);
        Files.copy(ZOD.resolve("upstream/arith.ts"), contracts.resolve("arith.ts"));
        Files.writeString(contracts.resolve("index.ts"), "export { arithContract } from './arith';\n");
        ContractsDescription lowered = lowering.lower(contracts);
        assertThat(lowered.contracts()).singleElement().satisfies(contract -> {
            assertThat(contract.service()).isEqualTo("arith");
            assertThat(contract.source()).isEqualTo("arith.ts");
        });
    }

    @Test
    void twoDifferentContractsOfOneServiceAreRefusedNamingBoth(@TempDir Path folder) throws IOException {
        Path contracts = contractsFolder(folder);
        String arith = Files.readString(ZOD.resolve("upstream/arith.ts"));
        Files.writeString(contracts.resolve("arith.ts"), arith);
        Files.writeString(contracts.resolve("other.ts"), arith.replace("export const arithContract", "export const otherArith")
                .replace("b: z.number().int() }),\n    result: z.object({ sum", "b: z.number() }),\n    result: z.object({ sum"));
        assertThatThrownBy(() -> lowering.lower(contracts)).isInstanceOf(CodegenException.class)
                .hasMessageContaining("service arith is exported twice with different methods: arithContract in arith.ts"
                        + " and otherArith in other.ts");
    }

    @Test
    void aFolderWithoutContractsIsRefusedRatherThanLoweredToNothing(@TempDir Path folder) throws IOException {
        Path contracts = contractsFolder(folder);
        Files.writeString(contracts.resolve("helpers.ts"), "export const answer = 42;\n");
        assertThatThrownBy(() -> lowering.lower(contracts)).isInstanceOf(CodegenException.class)
                .hasMessageContaining("no contract is exported by the .ts files at the top of");
    }

    @Test
    void aRecursiveSchemaIsRefusedRatherThanLoweredToAnything(@TempDir Path folder) throws IOException {
        Path contracts = contractsFolder(folder);
        Files.writeString(contracts.resolve("tree.ts"), """
                import { z } from 'zod';
                import { defineContract, defineMethod } from '@clamator/protocol';

                type Node = { name: string; children: Node[] };
                const node: z.ZodType<Node> = z.lazy(() => z.object({ name: z.string(), children: z.array(node) }));

                export const treeContract = defineContract('tree', {
                  size: defineMethod({ params: z.object({ root: node }), result: z.object({ count: z.number().int() }) }),
                });
                """);
        assertThatThrownBy(() -> lowering.lower(contracts)).isInstanceOf(CodegenException.class)
                .hasMessageContaining("contract tree, method size, params cannot be lowered without losing part of it: Recursive reference");
    }

    @Test
    void aContractFileThatDoesNotLoadIsExplained(@TempDir Path folder) throws IOException {
        Path contracts = Files.createDirectory(folder.resolve("contracts"));
        Files.createSymbolicLink(folder.resolve("node_modules"), ZOD.resolve("node_modules").toAbsolutePath());
        Files.writeString(contracts.resolve("broken.ts"), "import { z } from 'zod';\nexport const broken = z.object({ a: z.string() ;\n");
        assertThatThrownBy(() -> lowering.lower(contracts)).isInstanceOf(CodegenException.class)
                .hasMessageContaining("lowering the Zod contracts of " + contracts + " failed").hasMessageContaining("broken.ts");
    }

    @Test
    void aJavaContractWrittenAsZodLowersToTheSchemasJavaDescribed(@TempDir Path folder) throws Exception {
        ContractsDescription shop = ContractsDescription.read(UpstreamFixturesTest.resource("shop-description.json"));
        ContractsDescription described = JavaContractsTest.describeGenerated(shop, "io.example.shop", List.of("Shop"),
                folder.resolve("java"));
        Path contracts = Files.createDirectories(folder.resolve("zod/contracts"));
        Files.createSymbolicLink(folder.resolve("zod/node_modules"), ZOD.resolve("node_modules").toAbsolutePath());
        Files.writeString(contracts.resolve("shop.ts"), ZodWriter.write(described.contracts().get(0)));

        ContractsDescription lowered = lowering.lower(contracts);
        assertThat(JavaContractsTest.hashes(lowered)).as("Zod -> Java -> Zod: the same schema for every method")
                .isEqualTo(JavaContractsTest.hashes(described));
    }

    /** A Java contract whose bounds JavaScript writes with an exponent, or as an integer where Java would write a decimal point. */
    @ClamatorContract("gauge")
    interface Gauge {
        Reading read(Range range);
    }

    record Range(@DecimalMin("0.0000001") double tiny, @DecimalMax(value = "2.5E21", inclusive = false) double huge,
                 @DecimalMin("0.25") double quarter, @DecimalMax("100.0") double hundred) {
    }

    record Reading(@DecimalMin("-0.0000015") double value) {
    }

    @Test
    void aJavaContractsDecimalBoundsHashAsTheZodFileWrittenForItLowers(@TempDir Path folder) throws IOException {
        ContractsDescription described = JavaContracts.describe(List.of(Gauge.class));
        assertThat(JsJson.stringify(described.contracts().get(0).methods().get(0).params()))
                .contains("\"minimum\":1e-7").contains("\"exclusiveMaximum\":2.5e+21").contains("\"maximum\":100");
        Path contracts = Files.createDirectories(folder.resolve("zod/contracts"));
        Files.createSymbolicLink(folder.resolve("zod/node_modules"), ZOD.resolve("node_modules").toAbsolutePath());
        Files.writeString(contracts.resolve("gauge.ts"), ZodWriter.write(described.contracts().get(0)));

        ContractsDescription lowered = lowering.lower(contracts);
        assertThat(JavaContractsTest.hashes(lowered)).isEqualTo(JavaContractsTest.hashes(described));
        assertThat(DriftCheck.descriptionDrift(described, lowered)).isEmpty();
    }

    @Test
    void everyNumberAndStringIsWrittenAsNodesJsonStringifyWritesIt() throws Exception {
        Random random = new Random(20261202);
        List<Double> numbers = new ArrayList<>(List.of(0.0, -0.0, 1e-7, 1e-6, 9.999999999999999e-7, 1e21, 9.999999999999999e20, 0x1p53,
                Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 2e23, 5e-324, 123.456, -42.0));
        for (int i = 0; i < 3000; i++) {
            numbers.add(switch (i % 3) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(50) - 25);
                default -> (double) random.nextInt(1_000_000) / Math.pow(10, random.nextInt(12));
            });
        }
        for (int exponent = -1074; exponent <= 1023; exponent++) {
            numbers.add(Math.scalb(1.0, exponent));
        }
        numbers.removeIf(value -> value.isNaN() || value.isInfinite());
        StringBuilder strings = new StringBuilder();
        for (int c = 0; c < 0x80; c++) {
            strings.append((char) c);
        }
        strings.append("\u2028\u00e9\ud83d\ude00\ud800-\udc00");
        String input = numbers.stream().map(value -> Long.toHexString(Double.doubleToRawLongBits(value))).collect(Collectors.joining("\n"));
        String script = "const lines = require('fs').readFileSync(0, 'utf8').split('\\n');"
                + "const view = new DataView(new ArrayBuffer(8));"
                + "const out = lines.map(hex => { view.setBigUint64(0, BigInt('0x' + hex)); return JSON.stringify(view.getFloat64(0)); });"
                + "out.push(JSON.stringify(" + asciiLiteral(strings.toString()) + "));"
                + "process.stdout.write(out.join('\\n'));";
        Process process = new ProcessBuilder(lowering.node(), "-e", script).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        List<String> written = List.of(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        assertThat(process.waitFor()).isZero();

        List<String> ours = new ArrayList<>(numbers.stream().map(JsJson::number).toList());
        ours.add(JsJson.stringify(strings.toString()));
        assertThat(ours).hasSize(numbers.size() + 1).containsExactlyElementsOf(written);
    }

    /** A JavaScript string literal of the text with every character as a {@code \\u} escape: ASCII alone, which a command line's encoding cannot change. */
    private static String asciiLiteral(String text) {
        StringBuilder literal = new StringBuilder("'");
        for (char c : text.toCharArray()) {
            literal.append(String.format("\\u%04x", (int) c));
        }
        return literal.append('\'').toString();
    }
}
