package io.clamator.codegen.maven;

import io.clamator.codegen.CodegenException;
import io.clamator.codegen.ContractsDescription;
import io.clamator.codegen.GeneratedSource;
import io.clamator.codegen.GenerationRecord;
import io.clamator.codegen.GeneratorOptions;
import io.clamator.codegen.JavaGenerator;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates the Java contract interfaces of a contracts description into
 * {@code target/generated-sources/clamator} and adds that folder to the compile sources. Pure
 * Java: no Node. Files whose text has not changed are left alone, so nothing compiles again; files
 * the same execution generated earlier for contracts no longer in the description are deleted
 * (only those: each execution lists what it wrote, so executions sharing the folder keep each
 * other's files).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {

    /** The contracts description (what the {@code lower} goal writes). */
    @Parameter(property = "clamator.codegen.description", defaultValue = "${project.basedir}/src/main/contracts/contracts.json",
            required = true)
    private File description;

    /** The package of the generated interfaces. */
    @Parameter(property = "clamator.codegen.package", required = true)
    private String packageName;

    /** Which client methods a method that answers gets: {@code blocking}, {@code blocking-and-future} or {@code future}. */
    @Parameter(property = "clamator.codegen.calls", defaultValue = "blocking")
    private String calls;

    /** Where the sources go. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/clamator", required = true)
    private File outputDirectory;

    /** Where each execution lists the files it wrote, so that the next run deletes only its own that are gone. */
    @Parameter(defaultValue = "${project.build.directory}/clamator-codegen", required = true)
    private File recordDirectory;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution execution;

    @Override
    public void execute() throws MojoExecutionException {
        List<GeneratedSource> sources;
        GenerationRecord.Outcome outcome;
        try {
            sources = new JavaGenerator(new GeneratorOptions(packageName, GeneratorOptions.Calls.parse(calls)))
                    .generate(ContractsDescription.read(description.toPath()));
            outcome = new GenerationRecord(recordDirectory.toPath().resolve(execution.getExecutionId() + ".files"))
                    .apply(outputDirectory.toPath(), sources);
        } catch (CodegenException | IllegalArgumentException | UncheckedIOException e) {
            throw new MojoExecutionException("clamator-codegen: " + e.getMessage(), e);
        }
        project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
        getLog().info("clamator-codegen: " + sources.size() + " contract interface(s) from " + description + " in " + outputDirectory
                + " (" + outcome.written() + " written, " + outcome.deleted() + " deleted)");
    }
}
