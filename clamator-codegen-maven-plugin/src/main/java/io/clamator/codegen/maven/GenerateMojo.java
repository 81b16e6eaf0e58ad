package io.clamator.codegen.maven;

import io.clamator.codegen.CodegenException;
import io.clamator.codegen.ContractsDescription;
import io.clamator.codegen.GeneratedSource;
import io.clamator.codegen.GeneratorOptions;
import io.clamator.codegen.JavaGenerator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates the Java contract interfaces of a contracts description into
 * {@code target/generated-sources/clamator} and adds that folder to the compile sources. Pure
 * Java: no Node. Files whose text has not changed are left alone, so nothing compiles again; files
 * this goal generated earlier for contracts no longer in the description are deleted (only those:
 * they carry {@code @Generated("io.clamator.codegen")}).
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

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException {
        List<GeneratedSource> sources;
        try {
            sources = new JavaGenerator(new GeneratorOptions(packageName, GeneratorOptions.Calls.parse(calls)))
                    .generate(ContractsDescription.read(description.toPath()));
        } catch (CodegenException | IllegalArgumentException | UncheckedIOException e) {
            throw new MojoExecutionException("clamator-codegen: " + e.getMessage(), e);
        }
        Path root = outputDirectory.toPath();
        long written = sources.stream().filter(source -> source.writeTo(root)).count();
        int deleted = deleteStale(root, sources.stream().map(source -> root.resolve(source.relativePath())).collect(Collectors.toSet()));
        project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
        getLog().info("clamator-codegen: " + sources.size() + " contract interface(s) from " + description + " in " + outputDirectory
                + " (" + written + " written, " + deleted + " deleted)");
    }

    private static int deleteStale(Path root, Set<Path> current) throws MojoExecutionException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> stale = files.filter(file -> file.toString().endsWith(".java") && !current.contains(file) && generatedHere(file))
                    .toList();
            for (Path file : stale) {
                Files.delete(file);
            }
            return stale.size();
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("clamator-codegen: cannot clean " + root, e);
        }
    }

    private static boolean generatedHere(Path file) {
        try {
            return Files.readString(file).contains("@Generated(\"io.clamator.codegen\")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
