package io.clamator.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.contract.ClamatorContract;
import io.clamator.contract.Notification;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line tool: generate, check, check-manifest and describe, with their exit codes. */
class CodegenCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Codegen.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ClamatorContract("stock")
    public interface Stock {

        Level level(Query query);

        @Notification
        void restocked(Query query);

        record Query(@NotNull String sku) {
        }

        record Level(@Positive long available) {
        }
    }

    @Test
    void generateWritesOnlyWhatChangedAndCheckFindsEditedGeneratedJava(@TempDir Path folder) throws Exception {
        String description = UpstreamFixturesTest.resource("upstream-description.json").toString();
        Path out = folder.resolve("java");
        assertThat(run("generate", "--description", description, "--package", "io.example", "--out", out.toString())).isZero();
        assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("3 contract interface(s) in " + out + ", 3 written");
        assertThat(run("generate", "--description", description, "--package", "io.example", "--out", out.toString())).isZero();
        assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("3 contract interface(s) in " + out + ", 0 written");
        assertThat(run("check", "--description", description, "--generated", out.toString(), "--package", "io.example")).isZero();

        Path arith = out.resolve("io/example/Arith.java");
        Files.writeString(arith, Files.readString(arith).replace("long b", "double b"));
        assertThat(run("check", "--description", description, "--generated", out.toString(), "--package", "io.example")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(arith + " differs from what the description generates");
    }

    @Test
    void checkFindsCommittedJavaOfAContractNoLongerDescribed(@TempDir Path folder) throws Exception {
        String description = UpstreamFixturesTest.resource("upstream-description.json").toString();
        Path out = folder.resolve("java");
        assertThat(run("generate", "--description", description, "--package", "io.example", "--out", out.toString())).isZero();
        Path gone = out.resolve("io/example/Removed.java");
        Files.writeString(gone, Files.readString(out.resolve("io/example/Arith.java")).replace("interface Arith", "interface Removed"));
        Files.writeString(out.resolve("io/example/HandWritten.java"), "package io.example;\n\npublic interface HandWritten { }\n");

        assertThat(run("check", "--description", description, "--generated", out.toString(), "--package", "io.example")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(gone + " is generated from no contract of the description any more")
                .doesNotContain("HandWritten");
    }

    @Test
    void checkManifestComparesTheHashesWithUpstreamsManifest() {
        assertThat(run("check-manifest", "--description", UpstreamFixturesTest.resource("upstream-description.json").toString(),
                "--manifest", UpstreamFixturesTest.resource("upstream-manifest.json").toString())).isZero();
        assertThat(run("check-manifest", "--description", UpstreamFixturesTest.resource("shop-description.json").toString(),
                "--manifest", UpstreamFixturesTest.resource("upstream-manifest.json").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("arith.add: in the manifest, not in the description")
                .contains("shop.placeOrder: in the description, not in the manifest");
    }

    @Test
    void aDescriptionWhoseSchemaWasEditedByHandKeepingItsHashIsRefused(@TempDir Path folder) throws Exception {
        Path edited = folder.resolve("contracts.json");
        Files.writeString(edited, Files.readString(UpstreamFixturesTest.resource("upstream-description.json"))
                .replaceFirst("\"integer\"", "\"number\""));
        assertThat(run("check-manifest", "--description", edited.toString(),
                "--manifest", UpstreamFixturesTest.resource("upstream-manifest.json").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not the hash of its schema; the description was edited by hand");
    }

    @Test
    void describeWritesAJavaContractAsADescriptionAndAZodFile(@TempDir Path folder) throws Exception {
        Path description = folder.resolve("contracts.json");
        assertThat(run("describe", "--classes", Stock.class.getName(), "--out", description.toString(), "--zod", folder.toString())).isZero();
        ContractsDescription described = ContractsDescription.read(description);
        assertThat(described.contracts()).singleElement().satisfies(contract -> {
            assertThat(contract.service()).isEqualTo("stock");
            assertThat(contract.methods()).extracting(ContractsDescription.Method::name).containsExactly("level", "restocked");
        });
        assertThat(Files.readString(folder.resolve("stock.ts")))
                .contains("  level: defineMethod({\n    params: z.object({ sku: z.string() }),\n"
                        + "    result: z.object({ available: z.number().int().positive() }),\n  }),\n")
                .contains("  restocked: defineNotification({\n    params: z.object({ sku: z.string() }),\n  }),\n");
    }

    @Test
    void aWrongCommandLineExplainsItselfWithStatusTwo() {
        assertThat(run("generate", "--description", "x.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--package is required").contains("usage: clamator-codegen");
        assertThat(run("frobnicate")).isEqualTo(2);
    }
}
