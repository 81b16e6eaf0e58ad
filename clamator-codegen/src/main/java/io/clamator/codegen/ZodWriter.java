package io.clamator.codegen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Writes a contract of a {@link ContractsDescription} as a Zod contract file for upstream's
 * codegen: {@code defineContract(service, {method: defineMethod({params, result}), ...})} with
 * the Zod types whose zod-to-json-schema lowering is the description's schema, checks written in
 * the order that gives the same keys.
 */
public final class ZodWriter {

    private ZodWriter() {
    }

    /** The TypeScript source of one contract, exported as {@code <service>Contract}. */
    public static String write(ContractsDescription.Contract contract) {
        StringBuilder out = new StringBuilder();
        out.append("// The ").append(contract.service()).append(" contract")
                .append(contract.export() == null ? "" : ", from the Java contract " + contract.export())
                .append(", written by clamator-codegen.\n");
        out.append("import { z } from 'zod';\n");
        out.append("import { defineContract, defineMethod, defineNotification } from '@clamator/protocol';\n\n");
        out.append("export const ").append(JavaNames.member(contract.service())).append("Contract = defineContract(")
                .append(string(contract.service())).append(", {\n");
        for (ContractsDescription.Method method : contract.methods()) {
            String where = "contract " + contract.service() + ", method " + method.name();
            out.append("  ").append(key(method.name())).append(": ").append(method.notification() ? "defineNotification" : "defineMethod")
                    .append("({\n    params: ").append(zod(method.params(), where + ", params", "$")).append(",\n");
            if (!method.notification()) {
                out.append("    result: ").append(zod(method.result(), where + ", result", "$")).append(",\n");
            }
            out.append("  }),\n");
        }
        out.append("});\n");
        return out.toString();
    }

    private static String zod(JsonNode schema, String where, String path) {
        if (schema.has("anyOf")) {
            List<JsonNode> branches = new ArrayList<>();
            boolean nullable = false;
            for (JsonNode branch : schema.get("anyOf")) {
                if ("null".equals(branch.path("type").asString(null)) && branch.size() == 1) {
                    nullable = true;
                } else {
                    branches.add(branch);
                }
            }
            String inner = branches.size() == 1 ? zod(branches.get(0), where, path) : discriminatedUnion(branches, where, path);
            return described(inner + (nullable ? ".nullable()" : ""), schema);
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            List<String> kinds = new ArrayList<>();
            type.forEach(kind -> kinds.add(kind.asString()));
            if (kinds.size() == 2 && kinds.get(1).equals("null")) {
                return described(primitive(kinds.get(0), where, path) + ".nullable()", schema);
            }
            throw new CodegenException(where + " at " + path + ": no Zod type for " + schema);
        }
        if (type == null) {
            if (schema.isEmpty() || (schema.size() == 1 && schema.has("$schema"))) {
                return "z.unknown()";
            }
            throw new CodegenException(where + " at " + path + ": no Zod type for " + schema);
        }
        StringBuilder out = new StringBuilder();
        switch (type.asString()) {
            case "object" -> out.append(object(schema, where, path));
            case "array" -> {
                out.append("z.array(").append(schema.has("items") ? zod(schema.get("items"), where, path + "[]") : "z.any()").append(')');
                check(out, schema, "minItems", ".min(");
                check(out, schema, "maxItems", ".max(");
            }
            case "string" -> {
                if (schema.has("const")) {
                    return described("z.literal(" + string(schema.get("const").asString()) + ")", schema);
                }
                if (schema.has("enum")) {
                    List<String> values = new ArrayList<>();
                    schema.get("enum").forEach(value -> values.add(string(value.asString())));
                    return described("z.enum([" + String.join(", ", values) + "])", schema);
                }
                out.append("z.string()");
                String format = schema.path("format").asString(null);
                if (format != null) {
                    out.append(switch (format) {
                        case "date-time" -> ".datetime({ offset: true })";
                        case "date" -> ".date()";
                        case "time" -> ".time()";
                        case "uuid" -> ".uuid()";
                        case "uri" -> ".url()";
                        case "email" -> ".email()";
                        default -> throw new CodegenException(where + " at " + path + ": no Zod check for the format " + format);
                    });
                }
                if (schema.has("minLength") && schema.has("maxLength") && schema.get("minLength").equals(schema.get("maxLength"))) {
                    out.append(".length(").append(schema.get("minLength").asLong()).append(')');
                } else {
                    check(out, schema, "minLength", ".min(");
                    check(out, schema, "maxLength", ".max(");
                }
                if (schema.has("pattern")) {
                    out.append(".regex(new RegExp(").append(string(schema.get("pattern").asString())).append("))");
                }
            }
            case "integer", "number" -> {
                out.append(type.asString().equals("integer") ? "z.number().int()" : "z.number()");
                for (var keyword : schema.properties()) {
                    String value = JsJson.stringify(keyword.getValue());
                    boolean zero = value.matches("-?0(\\.0+)?");
                    switch (keyword.getKey()) {
                        case "exclusiveMinimum" -> out.append(zero ? ".positive()" : ".gt(" + value + ")");
                        case "minimum" -> out.append(zero ? ".nonnegative()" : ".min(" + value + ")");
                        case "exclusiveMaximum" -> out.append(zero ? ".negative()" : ".lt(" + value + ")");
                        case "maximum" -> out.append(zero ? ".nonpositive()" : ".max(" + value + ")");
                        default -> {
                        }
                    }
                }
            }
            case "boolean" -> {
                if (schema.has("const")) {
                    return described("z.literal(" + schema.get("const").asBoolean() + ")", schema);
                }
                out.append("z.boolean()");
            }
            default -> throw new CodegenException(where + " at " + path + ": no Zod type for " + schema);
        }
        return described(out.toString(), schema);
    }

    private static String primitive(String kind, String where, String path) {
        return switch (kind) {
            case "string" -> "z.string()";
            case "integer" -> "z.number().int()";
            case "number" -> "z.number()";
            case "boolean" -> "z.boolean()";
            default -> throw new CodegenException(where + " at " + path + ": no Zod type for a nullable " + kind);
        };
    }

    private static String object(JsonNode schema, String where, String path) {
        if (!schema.has("properties") && schema.path("additionalProperties").isObject()) {
            return "z.record(z.string(), " + zod(schema.get("additionalProperties"), where, path + "[*]") + ")";
        }
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        List<String> fields = new ArrayList<>();
        for (var property : schema.path("properties").properties()) {
            String field = zod(property.getValue(), where, path + "." + property.getKey());
            fields.add(key(property.getKey()) + ": " + field + (required.contains(property.getKey()) ? "" : ".optional()"));
        }
        return fields.isEmpty() ? "z.object({})" : "z.object({ " + String.join(", ", fields) + " })";
    }

    private static String discriminatedUnion(List<JsonNode> branches, String where, String path) {
        JsonNode first = branches.get(0).path("properties");
        for (String candidate : first.propertyNames()) {
            if (branches.stream().allMatch(branch -> branch.path("properties").path(candidate).has("const"))) {
                List<String> options = new ArrayList<>();
                branches.forEach(branch -> options.add(zod(branch, where, path)));
                return "z.discriminatedUnion(" + string(candidate) + ", [" + String.join(", ", options) + "])";
            }
        }
        throw new CodegenException(where + " at " + path + ": a union without a discriminator has no Zod type here");
    }

    private static String described(String zod, JsonNode schema) {
        JsonNode description = schema.get("description");
        return description == null ? zod : zod + ".describe(" + string(description.asString()) + ")";
    }

    private static void check(StringBuilder out, JsonNode schema, String keyword, String call) {
        if (schema.has(keyword)) {
            out.append(call).append(JsJson.stringify(schema.get(keyword))).append(')');
        }
    }

    private static String key(String name) {
        return name.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? name : string(name);
    }

    private static String string(String text) {
        return JsJson.stringify(text);
    }
}
