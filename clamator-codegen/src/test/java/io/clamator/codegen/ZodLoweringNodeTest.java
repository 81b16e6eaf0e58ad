package io.clamator.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        ContractsDescription described = JavaContractsTest.describeGenerated(shop, "io.example.shop", java.util.List.of("Shop"),
                folder.resolve("java"));
        Path contracts = Files.createDirectories(folder.resolve("zod/contracts"));
        Files.createSymbolicLink(folder.resolve("zod/node_modules"), ZOD.resolve("node_modules").toAbsolutePath());
        Files.writeString(contracts.resolve("shop.ts"), ZodWriter.write(described.contracts().get(0)));

        ContractsDescription lowered = lowering.lower(contracts);
        assertThat(JavaContractsTest.hashes(lowered)).as("Zod -> Java -> Zod: the same schema for every method")
                .isEqualTo(JavaContractsTest.hashes(described));
    }
}
