package io.clamator.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Whether what is committed still follows from its source: a contracts description from the Zod
 * contracts it was lowered from, and generated Java from the description.
 */
public final class DriftCheck {

    private DriftCheck() {
    }

    /**
     * How a committed description differs from a fresh lowering of the Zod sources (every method's
     * schemas and hashes; not what wrote them), or an empty list.
     */
    public static List<String> descriptionDrift(ContractsDescription committed, ContractsDescription lowered) {
        List<String> differences = new ArrayList<>();
        List<String> committedServices = committed.contracts().stream().map(ContractsDescription.Contract::service).toList();
        List<String> loweredServices = lowered.contracts().stream().map(ContractsDescription.Contract::service).toList();
        if (!committedServices.equals(loweredServices)) {
            differences.add("contracts " + committedServices + " in the description, " + loweredServices + " in the Zod sources");
            return differences;
        }
        for (int i = 0; i < committed.contracts().size(); i++) {
            ContractsDescription.Contract mine = committed.contracts().get(i);
            ContractsDescription.Contract theirs = lowered.contracts().get(i);
            List<String> mineMethods = mine.methods().stream().map(ContractsDescription.Method::name).toList();
            List<String> theirMethods = theirs.methods().stream().map(ContractsDescription.Method::name).toList();
            if (!mineMethods.equals(theirMethods)) {
                differences.add(mine.service() + ": methods " + mineMethods + " in the description, " + theirMethods + " in the Zod sources");
                continue;
            }
            for (int m = 0; m < mine.methods().size(); m++) {
                ContractsDescription.Method a = mine.methods().get(m);
                ContractsDescription.Method b = theirs.methods().get(m);
                if (a.notification() != b.notification() || !sameSchema(a.params(), b.params()) || !sameSchema(a.result(), b.result())
                        || !Objects.equals(a.paramsHash(), b.paramsHash()) || !Objects.equals(a.resultHash(), b.resultHash())) {
                    differences.add(mine.service() + "." + a.name() + ": its schemas changed in " + theirs.source());
                }
            }
        }
        return differences;
    }

    /** Whether two schemas are the same JSON text, the text their hashes are taken of (so {@code 5} and {@code 5.0} are one number). */
    private static boolean sameSchema(JsonNode a, JsonNode b) {
        return Objects.equals(text(a), text(b));
    }

    private static String text(JsonNode schema) {
        return schema == null || schema.isMissingNode() ? null : JsJson.stringify(schema);
    }

    /**
     * The generated files under {@code sourceRoot} that are missing or differ from what the
     * description generates, and those in the same packages that it no longer generates (they carry
     * clamator's {@code @Generated} marker), or an empty list.
     */
    public static List<String> generatedDrift(List<GeneratedSource> expected, Path sourceRoot) {
        List<String> differences = new ArrayList<>();
        Set<Path> expectedFiles = new HashSet<>();
        Set<Path> packages = new TreeSet<>();
        for (GeneratedSource source : expected) {
            Path file = sourceRoot.resolve(source.relativePath());
            expectedFiles.add(file);
            packages.add(file.getParent());
        }
        for (Path folder : packages) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(file -> file.toString().endsWith(".java") && !expectedFiles.contains(file)).sorted().toList()) {
                    if (GeneratedSource.carriesMarker(file)) {
                        differences.add(file + " is generated from no contract of the description any more: delete it");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + folder, e);
            }
        }
        for (GeneratedSource source : expected) {
            Path file = sourceRoot.resolve(source.relativePath());
            try {
                if (!Files.isRegularFile(file)) {
                    differences.add(file + " is missing");
                } else if (!GeneratedSource.sameText(Files.readString(file), source.content())) {
                    differences.add(file + " differs from what the description generates");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return differences;
    }
}
