package io.clamator.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON description of a set of contracts: what the <em>lower</em> step makes of Zod contract
 * files (each method's params and result lowered to JSON Schema, with the hashes upstream's
 * {@code @clamator/codegen --manifest} gives them), and what the <em>generate</em> step makes Java
 * of. Committed next to the Zod sources, it lets a Java build generate its contracts without Node.
 *
 * <pre>{@code
 * {"format": 1, "generatedBy": "...",
 *  "contracts": [{"service": "arith", "source": "arith.ts", "export": "arithContract",
 *                 "methods": [{"name": "add", "notification": false,
 *                              "params": {...}, "result": {...}, "paramsHash": "...", "resultHash": "..."}]}]}
 * }</pre>
 *
 * @param generatedBy what wrote it, e.g. {@code clamator-codegen lower (zod 3.25.76, zod-to-json-schema 3.25.2)}
 * @param contracts   the contracts, in the order of their files and exports
 */
public record ContractsDescription(String generatedBy, List<Contract> contracts) {

    /** The version of this format. */
    public static final int FORMAT = 1;

    public ContractsDescription {
        contracts = List.copyOf(contracts);
    }

    /**
     * One contract: a service and its methods.
     *
     * @param service the service name, as on the wire
     * @param source  the file it was found in, relative to the contracts folder ({@code null} when not known)
     * @param export  the name it was exported under ({@code null} when not known)
     * @param methods its methods, in their order in the contract
     */
    public record Contract(String service, String source, String export, List<Method> methods) {

        public Contract {
            methods = List.copyOf(methods);
        }
    }

    /**
     * One method.
     *
     * @param name         the method name (the wire method is {@code <service>.<name>})
     * @param notification whether it is a notification (no result, no reply)
     * @param params       its params, as JSON Schema
     * @param result       its result, as JSON Schema; {@code null} for a notification
     * @param paramsHash   SHA-256 (hex) of the params schema's JSON text, as upstream's manifest has it
     * @param resultHash   the same of the result schema; {@code null} for a notification
     */
    public record Method(String name, boolean notification, JsonNode params, JsonNode result, String paramsHash,
                         String resultHash) {
    }

    /**
     * Reads a description.
     *
     * @throws CodegenException when the file is not a description this version reads
     */
    public static ContractsDescription read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the contracts description " + file, e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses a description's JSON text.
     *
     * @param origin where the text comes from, for messages
     * @throws CodegenException when the text is not a description this version reads
     */
    public static ContractsDescription parse(String text, String origin) {
        JsonNode root;
        try {
            root = JsJson.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new CodegenException(origin + " is not JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject() || root.path("format").asInt(0) != FORMAT || !root.path("contracts").isArray()) {
            throw new CodegenException(origin + " is not a clamator contracts description of format " + FORMAT
                    + " ({\"format\": 1, \"contracts\": [...]})");
        }
        List<Contract> contracts = new ArrayList<>();
        for (JsonNode contract : root.get("contracts")) {
            List<Method> methods = new ArrayList<>();
            String service = required(contract, "service", origin);
            for (JsonNode method : contract.path("methods")) {
                boolean notification = method.path("notification").asBoolean(false);
                Method read = new Method(required(method, "name", origin), notification, method.path("params"),
                        notification ? null : method.path("result"), textOrNull(method, "paramsHash"),
                        notification ? null : textOrNull(method, "resultHash"));
                requireHashOf(read.params(), read.paramsHash(), origin, service + "." + read.name() + "'s params");
                requireHashOf(read.result(), read.resultHash(), origin, service + "." + read.name() + "'s result");
                methods.add(read);
            }
            contracts.add(new Contract(service, textOrNull(contract, "source"), textOrNull(contract, "export"), methods));
        }
        return new ContractsDescription(textOrNull(root, "generatedBy"), contracts);
    }

    /** A stored hash must be the hash of the schema beside it: one that is not tells of a hand edit. */
    private static void requireHashOf(JsonNode schema, String storedHash, String origin, String what) {
        if (storedHash != null && schema != null && !storedHash.equals(SchemaHash.of(schema))) {
            throw new CodegenException(origin + ": the hash stored for " + what + " is not the hash of its schema; the description"
                    + " was edited by hand: lower the Zod contracts again (or, for a description written by hand, leave the hash out)");
        }
    }

    /**
     * The description as JSON text, laid out as the lower script's {@code JSON.stringify(x, null, 2)}
     * (so that lowering again changes only what changed), ending with a newline; what {@link #parse}
     * reads back.
     */
    public String toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("generatedBy", generatedBy);
        ArrayNode list = root.putArray("contracts");
        for (Contract contract : contracts) {
            ObjectNode node = list.addObject();
            node.put("service", contract.service());
            node.put("source", contract.source());
            node.put("export", contract.export());
            ArrayNode methods = node.putArray("methods");
            for (Method method : contract.methods()) {
                ObjectNode entry = methods.addObject();
                entry.put("name", method.name());
                entry.put("notification", method.notification());
                entry.set("params", method.params());
                entry.set("result", method.result());
                entry.put("paramsHash", method.paramsHash());
                entry.put("resultHash", method.resultHash());
            }
        }
        StringBuilder out = new StringBuilder();
        stringify(root, "", out);
        return out.append('\n').toString();
    }

    /** {@code JSON.stringify(node, null, 2)}: two spaces a level, {@code "key": value}, empty containers as {@code {}} and {@code []}. */
    private static void stringify(JsonNode node, String indent, StringBuilder out) {
        String inner = indent + "  ";
        if (node.isObject() && !node.isEmpty()) {
            out.append("{\n");
            String separator = "";
            for (var property : node.properties()) {
                out.append(separator).append(inner).append(JsJson.stringify(property.getKey())).append(": ");
                stringify(property.getValue(), inner, out);
                separator = ",\n";
            }
            out.append('\n').append(indent).append('}');
        } else if (node.isArray() && !node.isEmpty()) {
            out.append("[\n");
            String separator = "";
            for (JsonNode element : node) {
                out.append(separator).append(inner);
                stringify(element, inner, out);
                separator = ",\n";
            }
            out.append('\n').append(indent).append(']');
        } else {
            out.append(JsJson.stringify(node));
        }
    }

    private static String required(JsonNode node, String field, String origin) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new CodegenException(origin + ": a contract or method without \"" + field + "\": " + node);
        }
        return value.asString();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
