package io.clamator.codegen.maven;

import io.clamator.codegen.CodegenException;
import io.clamator.codegen.ContractsDescription;
import io.clamator.codegen.DriftCheck;
import io.clamator.codegen.GeneratorOptions;
import io.clamator.codegen.JavaGenerator;
import io.clamator.codegen.UpstreamManifest;
import io.clamator.codegen.ZodLowering;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fails the build when the committed contracts description no longer follows from the Zod sources
 * (with {@code lower}, the default: needs Node), when its hashes differ from a manifest written by
 * upstream's {@code @clamator/codegen --manifest} (with {@code manifest}), or when committed
 * generated Java differs from what the description generates (with {@code generatedDirectory}).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractMojo {

    @Parameter(property = "clamator.codegen.description", defaultValue = "${project.basedir}/src/main/contracts/contracts.json",
            required = true)
    private File description;

    /** The folder of the Zod contracts the description was lowered from. */
    @Parameter(property = "clamator.codegen.contracts", defaultValue = "${project.basedir}/src/main/contracts")
    private File contractsDirectory;

    /** Whether to lower the Zod contracts again and compare (needs Node). */
    @Parameter(property = "clamator.codegen.check.lower", defaultValue = "true")
    private boolean lower;

    /** A manifest of upstream's {@code @clamator/codegen --manifest} to compare the hashes with. */
    @Parameter(property = "clamator.codegen.manifest")
    private File manifest;

    /** A source root holding generated Java that is committed, to compare with what the description generates. */
    @Parameter(property = "clamator.codegen.generated")
    private File generatedDirectory;

    /** The package of that generated Java. */
    @Parameter(property = "clamator.codegen.package")
    private String packageName;

    @Parameter(property = "clamator.codegen.calls", defaultValue = "blocking")
    private String calls;

    /** The Node executable; default {@code $CLAMATOR_NODE}, else {@code node} from the {@code PATH}. */
    @Parameter(property = "clamator.codegen.node")
    private String node;

    /** Adds what one check found to {@code drift}; returns the remedy when it found anything. */
    private static List<String> found(List<String> drift, List<String> differences, String remedy) {
        drift.addAll(differences);
        return differences.isEmpty() ? List.of() : List.of(remedy);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<String> drift = new ArrayList<>();
        List<String> remedies = new ArrayList<>();
        try {
            ContractsDescription committed = ContractsDescription.read(description.toPath());
            if (lower) {
                ContractsDescription lowered = ZodLowering.withNode(node).lower(contractsDirectory.toPath());
                remedies.addAll(found(drift, DriftCheck.descriptionDrift(committed, lowered),
                        "lower the Zod contracts again (mvn clamator-codegen:lower) and commit the description"));
            }
            if (manifest != null) {
                remedies.addAll(found(drift, UpstreamManifest.read(manifest.toPath()).differencesFrom(committed),
                        "lower the Zod contracts the manifest was generated from, and commit the description"));
            }
            if (generatedDirectory != null) {
                if (packageName == null) {
                    throw new MojoExecutionException("clamator-codegen: generatedDirectory needs packageName");
                }
                remedies.addAll(found(drift, DriftCheck.generatedDrift(new JavaGenerator(new GeneratorOptions(packageName,
                        GeneratorOptions.Calls.parse(calls))).generate(committed), generatedDirectory.toPath()),
                        "generate the Java again from the description and commit it"));
            }
        } catch (CodegenException | IllegalArgumentException | UncheckedIOException e) {
            throw new MojoExecutionException("clamator-codegen: " + e.getMessage(), e);
        }
        if (!drift.isEmpty()) {
            throw new MojoFailureException("clamator-codegen: " + description + " has drifted:\n  " + String.join("\n  ", drift)
                    + "\nTo follow its sources again: " + String.join("; ", remedies) + ".");
        }
        getLog().info("clamator-codegen: " + description + " follows from its sources");
    }
}
