package io.clamator.codegen.maven;

import io.clamator.codegen.CodegenException;
import io.clamator.codegen.ContractsDescription;
import io.clamator.codegen.ZodLowering;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lowers the Zod contracts of a folder into the contracts description to commit: run it after a
 * contract changed ({@code mvn clamator-codegen:lower}). Needs Node 18+ and the folder's
 * {@code node_modules} ({@code npm install} there).
 */
@Mojo(name = "lower", threadSafe = true)
public final class LowerMojo extends AbstractMojo {

    /** The folder whose top-level {@code .ts} files export the Zod contracts. */
    @Parameter(property = "clamator.codegen.contracts", defaultValue = "${project.basedir}/src/main/contracts", required = true)
    private File contractsDirectory;

    /** The description to write. */
    @Parameter(property = "clamator.codegen.description", defaultValue = "${project.basedir}/src/main/contracts/contracts.json",
            required = true)
    private File description;

    /** The Node executable; default {@code $CLAMATOR_NODE}, else {@code node} from the {@code PATH}. */
    @Parameter(property = "clamator.codegen.node")
    private String node;

    @Override
    public void execute() throws MojoExecutionException {
        try {
            ContractsDescription lowered = ZodLowering.withNode(node).lower(contractsDirectory.toPath());
            if (description.getAbsoluteFile().getParentFile() != null) {
                Files.createDirectories(description.getAbsoluteFile().getParentFile().toPath());
            }
            Files.writeString(description.toPath(), lowered.toJson());
            getLog().info("clamator-codegen: " + lowered.contracts().size() + " contract(s) of " + contractsDirectory + " lowered to "
                    + description);
        } catch (CodegenException | UncheckedIOException e) {
            throw new MojoExecutionException("clamator-codegen: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("clamator-codegen: cannot write " + description, e);
        }
    }
}
