package io.clamator.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A manifest written by upstream's {@code @clamator/codegen --manifest}:
 * {@code {"generatedBy": ..., "contracts": {<service>: {<method>: {"paramsHash", "resultHash"}}}}}.
 * Comparing its hashes with a description's proves that Java speaks the contract version the
 * Python and TypeScript code was generated from.
 *
 * @param hashes by {@code <service>.<method>}: the params hash and the result hash ({@code null} for a notification)
 */
public record UpstreamManifest(Map<String, Hashes> hashes) {

    public UpstreamManifest {
        hashes = java.util.Collections.unmodifiableMap(new TreeMap<>(hashes));
    }

    /** The hashes of one method. */
    public record Hashes(String paramsHash, String resultHash) {
    }

    public static UpstreamManifest read(Path file) {
        JsonNode root;
        try {
            root = JsJson.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest " + file, e);
        } catch (JacksonException e) {
            throw new CodegenException(file + " is not JSON: " + e.getOriginalMessage());
        }
        if (!root.path("contracts").isObject()) {
            throw new CodegenException(file + " is not a @clamator/codegen manifest ({\"generatedBy\", \"contracts\": {...}})");
        }
        Map<String, Hashes> hashes = new TreeMap<>();
        for (var contract : root.get("contracts").properties()) {
            for (var method : contract.getValue().properties()) {
                JsonNode result = method.getValue().get("resultHash");
                hashes.put(contract.getKey() + "." + method.getKey(), new Hashes(method.getValue().path("paramsHash").asString(null),
                        result == null || result.isNull() ? null : result.asString()));
            }
        }
        return new UpstreamManifest(hashes);
    }

    /** The manifest upstream's codegen would write for the contracts of a description. */
    private static UpstreamManifest of(ContractsDescription description) {
        Map<String, Hashes> hashes = new TreeMap<>();
        for (ContractsDescription.Contract contract : description.contracts()) {
            for (ContractsDescription.Method method : contract.methods()) {
                hashes.put(contract.service() + "." + method.name(), new Hashes(method.paramsHash(), method.resultHash()));
            }
        }
        return new UpstreamManifest(hashes);
    }

    /**
     * How this manifest and a description differ, one line per method, or an empty list when
     * they carry the same methods with the same hashes.
     */
    public List<String> differencesFrom(ContractsDescription description) {
        Map<String, Hashes> ours = of(description).hashes();
        List<String> differences = new ArrayList<>();
        hashes.forEach((method, theirs) -> {
            Hashes mine = ours.get(method);
            if (mine == null) {
                differences.add(method + ": in the manifest, not in the description");
            } else if (!Objects.equals(mine.paramsHash(), theirs.paramsHash())) {
                differences.add(method + ": params hash " + mine.paramsHash() + " here, " + theirs.paramsHash() + " in the manifest");
            } else if (!Objects.equals(mine.resultHash(), theirs.resultHash())) {
                differences.add(method + ": result hash " + mine.resultHash() + " here, " + theirs.resultHash() + " in the manifest");
            }
        });
        ours.keySet().stream().filter(method -> !hashes.containsKey(method))
                .forEach(method -> differences.add(method + ": in the description, not in the manifest"));
        return differences;
    }
}
