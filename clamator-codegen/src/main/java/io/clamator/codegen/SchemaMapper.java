package io.clamator.codegen;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps the JSON Schema that zod-to-json-schema lowers a Zod type to onto Java types of one
 * contract, declaring its records, enums and sealed interfaces in the contract's
 * {@link DeclaredTypes}. The mapping follows the project's rules (docs/contracts.md): integers as
 * {@code long} ({@code int} when their bounds fit), numbers as {@code double}, a field left out
 * when optional as a reference type, a nullable one written as {@code null}, Zod's checks as
 * Bean Validation constraints. What it cannot map fails with the contract, method and JSON path.
 */
final class SchemaMapper {

    private static final Set<String> KNOWN_KEYWORDS = Set.of("type", "description", "default", "properties", "required",
            "additionalProperties", "items", "enum", "const", "anyOf", "oneOf", "format", "minLength", "maxLength", "pattern",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "$schema");

    private final String where;
    private final DeclaredTypes types;

    /** @param where the contract and method, for messages: {@code contract arith, method add, params} */
    SchemaMapper(String where, DeclaredTypes types) {
        this.where = where;
        this.types = types;
    }

    /**
     * What a schema maps to: the type, the constraints on its values, and whether {@code null} is
     * one of them.
     */
    record Mapped(JavaType type, List<String> constraints, boolean nullable) {

        Mapped orNull() {
            return new Mapped(type, constraints, true);
        }
    }

    /**
     * The record (or sealed interface) a method's params (an object or a union of objects) or a
     * result object maps to.
     *
     * @param describe whether its {@code describe()} text goes on the record (else the method has it)
     */
    JavaType topLevel(JsonNode schema, String name, boolean describe) {
        if (schema.has("anyOf") || schema.has("oneOf")) {
            Mapped union = map(schema, name, "", "$");
            if (union.nullable() || !union.type().validated()) {
                throw fail("$", "a params union must be of objects (z.discriminatedUnion), found " + brief(schema));
            }
            return union.type();
        }
        if (!"object".equals(schema.path("type").asString(null))) {
            throw fail("$", "params must be objects (z.object, z.record) or unions of objects, found " + brief(schema));
        }
        return object(describe ? schema : withoutDescription(schema), name, "", "$").type();
    }

    /**
     * The type a result maps to: a record (or sealed interface) for an object or a union of
     * objects, as {@link #topLevel}; any other value as a field of that schema would map
     * ({@code List<Item>}, {@code Long}, {@code String}, a nullable record), as upstream's peers
     * allow results of any JSON type.
     */
    JavaType result(JsonNode schema, String name) {
        if ("object".equals(schema.path("type").asString(null))) {
            return topLevel(schema, name, true);
        }
        return map(schema, name, "", "$").type();
    }

    private static JsonNode withoutDescription(JsonNode schema) {
        ObjectNode copy = (ObjectNode) schema.deepCopy();
        copy.remove("description");
        return copy;
    }

    Mapped map(JsonNode schema, String hint, String parent, String path) {
        if (!schema.isObject()) {
            throw fail(path, "not a JSON Schema: " + brief(schema));
        }
        requireKnownKeywords(schema, path);
        JsonNode union = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (union != null) {
            return union(union, schema, hint, parent, path);
        }
        boolean nullable = false;
        String type = null;
        JsonNode typeNode = schema.get("type");
        if (typeNode != null && typeNode.isArray()) {
            List<String> kinds = new ArrayList<>();
            typeNode.forEach(kind -> kinds.add(kind.asString()));
            nullable = kinds.remove("null");
            if (kinds.size() != 1) {
                throw fail(path, "a value of several types " + kinds + " cannot be mapped; use one type, or a discriminated union");
            }
            type = kinds.get(0);
        } else if (typeNode != null) {
            type = typeNode.asString();
        }
        Mapped mapped;
        if (schema.has("enum") || schema.has("const")) {
            mapped = enumeration(schema, hint, parent, path);
        } else if (type == null) {
            mapped = untyped(schema, path);
        } else {
            mapped = switch (type) {
                case "string" -> string(schema, path);
                case "integer" -> integer(schema, path);
                case "number" -> number(schema);
                case "boolean" -> new Mapped(JavaType.primitive("boolean", "Boolean"), List.of(), false);
                case "array" -> array(schema, hint, parent, path);
                case "object" -> object(schema, hint, parent, path);
                case "null" -> throw fail(path, "a value that can only be null cannot be mapped");
                default -> throw fail(path, "unknown JSON Schema type \"" + type + "\"");
            };
        }
        return nullable ? mapped.orNull() : mapped;
    }

    private Mapped untyped(JsonNode schema, String path) {
        for (String keyword : List.of("properties", "items", "format", "minimum", "maximum", "minLength", "maxLength")) {
            if (schema.has(keyword)) {
                throw fail(path, "a schema without \"type\" but with \"" + keyword + "\" cannot be mapped: " + brief(schema));
            }
        }
        return new Mapped(JavaType.of("JsonNode", "tools.jackson.databind.JsonNode"), List.of(), true);
    }

    /**
     * A string: {@code String} with its length and pattern checks, or the Java type of its format;
     * Bean Validation checks lengths and patterns of character sequences only, so a formatted
     * value's are left to the Zod side (as refinements are).
     */
    private Mapped string(JsonNode schema, String path) {
        String format = schema.path("format").asString(null);
        JavaType formatted = format == null ? null : switch (format) {
            case "date-time" -> JavaType.of("Instant", "java.time.Instant");
            case "date" -> JavaType.of("LocalDate", "java.time.LocalDate");
            case "time" -> JavaType.of("LocalTime", "java.time.LocalTime");
            case "uuid" -> JavaType.of("UUID", "java.util.UUID");
            case "uri" -> JavaType.of("URI", "java.net.URI");
            case "email" -> null;
            default -> throw fail(path, "the string format \"" + format + "\" cannot be mapped (known: date-time, date, time,"
                    + " uuid, uri, email)");
        };
        if (formatted != null) {
            return new Mapped(formatted, List.of(), false);
        }
        List<String> constraints = new ArrayList<>();
        size(schema, "minLength", "maxLength", constraints);
        if (schema.has("pattern")) {
            constraints.add("@Pattern(regexp = " + JavaNames.literal(javaPattern(schema.get("pattern").asString(), path)) + ")");
        }
        if ("email".equals(format)) {
            constraints.add("@Email");
        }
        return new Mapped(JavaType.of("String"), constraints, false);
    }

    /** The whole-match form of a Zod pattern, checked to be a Java regular expression too. */
    private String javaPattern(String pattern, String path) {
        String whole = wholeMatch(pattern);
        try {
            Pattern.compile(whole);
        } catch (PatternSyntaxException e) {
            throw fail(path, "the pattern /" + pattern + "/ is not a Java regular expression (" + e.getDescription()
                    + "); write it in the syntax both share");
        }
        return whole;
    }

    /** What a string must match, whole, for {@code @Pattern}: Zod's regex need only be found in it, anywhere. */
    static String wholeMatch(String pattern) {
        boolean anchored = pattern.startsWith("^") && pattern.endsWith("$") && !pattern.endsWith("\\$") && !pattern.contains("|");
        return anchored ? pattern : ANYWHERE_PREFIX + pattern + ANYWHERE_SUFFIX;
    }

    /** Around a pattern that need not match the whole string ({@link JavaContractSchemas} takes it off again). */
    static final String ANYWHERE_PREFIX = "(?s).*(?:";
    static final String ANYWHERE_SUFFIX = ").*";

    private Mapped integer(JsonNode schema, String path) {
        List<String> constraints = new ArrayList<>();
        long lowest = Long.MIN_VALUE;
        long highest = Long.MAX_VALUE;
        if (schema.has("exclusiveMinimum")) {
            BigDecimal bound = schema.get("exclusiveMinimum").decimalValue();
            long least = integerBound(bound.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE), path, "exclusiveMinimum");
            lowest = least;
            constraints.add(bound.signum() == 0 ? "@Positive" : "@Min(" + least + (fitsInt(least) ? "" : "L") + ")");
        }
        if (schema.has("minimum")) {
            BigDecimal bound = schema.get("minimum").decimalValue();
            long least = integerBound(bound.setScale(0, RoundingMode.CEILING), path, "minimum");
            lowest = Math.max(lowest, least);
            constraints.add(bound.signum() == 0 ? "@PositiveOrZero" : "@Min(" + least + (fitsInt(least) ? "" : "L") + ")");
        }
        if (schema.has("exclusiveMaximum")) {
            BigDecimal bound = schema.get("exclusiveMaximum").decimalValue();
            long most = integerBound(bound.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE), path, "exclusiveMaximum");
            highest = most;
            constraints.add(bound.signum() == 0 ? "@Negative" : "@Max(" + most + (fitsInt(most) ? "" : "L") + ")");
        }
        if (schema.has("maximum")) {
            BigDecimal bound = schema.get("maximum").decimalValue();
            long most = integerBound(bound.setScale(0, RoundingMode.FLOOR), path, "maximum");
            highest = Math.min(highest, most);
            constraints.add(bound.signum() == 0 ? "@NegativeOrZero" : "@Max(" + most + (fitsInt(most) ? "" : "L") + ")");
        }
        boolean asInt = lowest != Long.MIN_VALUE && highest != Long.MAX_VALUE && fitsInt(lowest) && fitsInt(highest);
        if (asInt) {
            constraints.removeAll(List.of(INT_RANGE_MIN, INT_RANGE_MAX)); // an int holds no other values
        }
        return new Mapped(asInt ? JavaType.primitive("int", "Integer") : JavaType.primitive("long", "Long"), constraints, false);
    }

    /** An integer's bound, rounded inwards to the nearest integer it allows; one past a Java {@code long} cannot be checked. */
    private long integerBound(BigDecimal bound, String path, String keyword) {
        try {
            return bound.longValueExact();
        } catch (ArithmeticException e) {
            throw fail(path, "the integer's " + keyword + " lies outside what a Java long holds (" + bound.toPlainString() + ")");
        }
    }

    /** The bounds of an {@code int}'s range (which a Java-first contract writes for its {@code int} fields) as constraints. */
    private static final String INT_RANGE_MIN = "@Min(" + Integer.MIN_VALUE + ")";
    private static final String INT_RANGE_MAX = "@Max(" + Integer.MAX_VALUE + ")";

    private static boolean fitsInt(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    }

    private static Mapped number(JsonNode schema) {
        List<String> constraints = new ArrayList<>();
        bound(schema, "minimum", "exclusiveMinimum", "DecimalMin", "Positive", "PositiveOrZero", constraints);
        bound(schema, "maximum", "exclusiveMaximum", "DecimalMax", "Negative", "NegativeOrZero", constraints);
        return new Mapped(JavaType.primitive("double", "Double"), constraints, false);
    }

    private static void bound(JsonNode schema, String inclusive, String exclusive, String decimal, String strictZero,
                              String zero, List<String> constraints) {
        if (schema.has(exclusive)) {
            String value = plain(schema.get(exclusive));
            constraints.add(isZero(value) ? "@" + strictZero : "@" + decimal + "(value = " + JavaNames.literal(value) + ", inclusive = false)");
        }
        if (schema.has(inclusive)) {
            String value = plain(schema.get(inclusive));
            constraints.add(isZero(value) ? "@" + zero : "@" + decimal + "(" + JavaNames.literal(value) + ")");
        }
    }

    /** A bound as the plain decimal a {@code @DecimalMin}/{@code @DecimalMax} literal takes: {@code 0.0005}, not {@code 5.0E-4}. */
    static String plain(JsonNode number) {
        return number.decimalValue().stripTrailingZeros().toPlainString();
    }

    private static boolean isZero(String number) {
        return number.matches("-?0(\\.0+)?");
    }

    private static void size(JsonNode schema, String min, String max, List<String> constraints) {
        List<String> bounds = new ArrayList<>();
        if (schema.has(min)) {
            bounds.add("min = " + schema.get(min).asLong());
        }
        if (schema.has(max)) {
            bounds.add("max = " + schema.get(max).asLong());
        }
        if (!bounds.isEmpty()) {
            constraints.add("@Size(" + String.join(", ", bounds) + ")");
        }
    }

    private Mapped array(JsonNode schema, String hint, String parent, String path) {
        JsonNode items = schema.get("items");
        if (items != null && !items.isObject()) {
            throw fail(path, "an array with an item schema per position (a tuple) cannot be mapped: " + brief(schema));
        }
        Mapped element = items == null ? untyped(JsonNodeFactory.instance.objectNode(), path + "[]") // z.array(z.any()): zod-to-json-schema leaves items out
                : map(items, JavaNames.element(hint), parent, path + "[]");
        List<String> constraints = new ArrayList<>();
        size(schema, "minItems", "maxItems", constraints);
        return new Mapped(JavaType.listOf(element.type(), argumentAnnotations(element)), constraints, false);
    }

    private void requireKnownKeywords(JsonNode schema, String path) {
        schema.propertyNames().forEach(keyword -> {
            if (!KNOWN_KEYWORDS.contains(keyword)) {
                throw fail(path, "the JSON Schema keyword \"" + keyword + "\" (" + brief(schema)
                        + ") comes from a Zod construct clamator cannot map to Java");
            }
        });
    }

    /** A record drops the fields it does not declare: an object that keeps them cannot be one. */
    private void requireNoOtherFields(JsonNode schema, String path) {
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && !(additional.isBoolean() && !additional.asBoolean())) {
            throw fail(path, "an object that keeps fields beside its own (.passthrough(), .catchall()) cannot be mapped: "
                    + brief(schema));
        }
    }

    private Mapped object(JsonNode schema, String hint, String parent, String path) {
        JsonNode additional = schema.get("additionalProperties");
        if (schema.has("properties") && !schema.get("properties").isEmpty()) {
            requireNoOtherFields(schema, path);
            return new Mapped(record(schema, hint, parent, path, null, null), List.of(), false);
        }
        if (additional != null && additional.isObject()) {
            Mapped value = map(additional, JavaNames.element(hint), parent, path + "[*]");
            return new Mapped(JavaType.mapOf(value.type(), argumentAnnotations(value)), List.of(), false);
        }
        if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
            return new Mapped(record(schema, hint, parent, path, null, null), List.of(), false);
        }
        return new Mapped(JavaType.mapOf(JavaType.of("JsonNode", "tools.jackson.databind.JsonNode"), List.of()), List.of(), false);
    }

    /** {@code @Valid} and the constraints of a list element or map value, as type-argument annotations. */
    private static List<String> argumentAnnotations(Mapped argument) {
        List<String> annotations = new ArrayList<>();
        if (argument.type().validated()) {
            annotations.add("@Valid");
        }
        annotations.addAll(argument.constraints());
        return annotations;
    }

    private Mapped enumeration(JsonNode schema, String hint, String parent, String path) {
        Set<String> values = new LinkedHashSet<>();
        boolean nullable = false;
        JsonNode list = schema.has("enum") ? schema.get("enum") : null;
        List<JsonNode> raw = new ArrayList<>();
        if (list != null) {
            list.forEach(raw::add);
        } else {
            raw.add(schema.get("const"));
        }
        for (JsonNode value : raw) {
            if (value.isNull()) {
                nullable = true;
            } else if (value.isString()) {
                values.add(value.asString());
            } else {
                throw fail(path, "only string literals and enums can be mapped, found " + brief(schema));
            }
        }
        JavaType type = declareEnum(schema, hint, parent, path, values);
        return new Mapped(type, List.of(), nullable);
    }

    private JavaType declareEnum(JsonNode schema, String hint, String parent, String path, Set<String> values) {
        Set<String> constants = new TreeSet<>();
        for (String value : values) {
            if (!constants.add(JavaNames.constant(value))) {
                throw fail(path, "the enum values " + values + " give the constant " + JavaNames.constant(value) + " twice");
            }
        }
        DeclaredTypes.Naming naming = types.name(hint, parent, schema);
        if (!naming.declared()) {
            types.declare(new Declaration.EnumType(naming.name(), description(schema), List.copyOf(values)));
        }
        return JavaType.declared(naming.name(), false);
    }

    private Mapped union(JsonNode branches, JsonNode schema, String hint, String parent, String path) {
        List<JsonNode> present = new ArrayList<>();
        boolean nullable = false;
        for (JsonNode branch : branches) {
            if ("null".equals(branch.path("type").asString(null)) && branch.size() == 1) {
                nullable = true;
            } else {
                present.add(branch);
            }
        }
        Mapped mapped;
        if (present.size() == 1) {
            mapped = map(present.get(0), hint, parent, path);
        } else if (present.stream().allMatch(SchemaMapper::isStringLiteral)) {
            Set<String> values = new LinkedHashSet<>();
            present.forEach(branch -> {
                if (branch.has("const")) {
                    values.add(branch.get("const").asString());
                } else {
                    branch.get("enum").forEach(value -> values.add(value.asString()));
                }
            });
            mapped = new Mapped(declareEnum(schema, hint, parent, path, values), List.of(), false);
        } else {
            mapped = new Mapped(discriminated(present, schema, hint, parent, path), List.of(), false);
        }
        return nullable ? mapped.orNull() : mapped;
    }

    private static boolean isStringLiteral(JsonNode branch) {
        if (branch.has("const")) {
            return branch.get("const").isString();
        }
        JsonNode values = branch.get("enum");
        if (values == null || !values.isArray()) {
            return false;
        }
        for (JsonNode value : values) {
            if (!value.isString()) {
                return false;
            }
        }
        return true;
    }

    /** A union of objects that all have one required property holding a different string literal each. */
    private JavaType discriminated(List<JsonNode> branches, JsonNode schema, String hint, String parent, String path) {
        String discriminator = discriminatorOf(branches);
        if (discriminator == null) {
            throw fail(path, "a union can be mapped only when it is of string literals, or of objects told apart by a property"
                    + " holding a different string literal in each (z.discriminatedUnion); found " + brief(schema));
        }
        DeclaredTypes.Naming naming = types.name(hint, parent, schema);
        if (naming.declared()) {
            return JavaType.declared(naming.name(), true);
        }
        types.reserve(naming.name());
        boolean booleanValued = branches.get(0).get("properties").get(discriminator).path("const").isBoolean();
        List<Declaration.Branch> declared = new ArrayList<>();
        for (JsonNode branch : branches) {
            String value = literalOf(branch.get("properties").get(discriminator));
            String branchPath = path + "<" + discriminator + "=" + value + ">";
            requireKnownKeywords(branch, branchPath);
            requireNoOtherFields(branch, branchPath);
            String wanted = !booleanValued ? JavaNames.type(value)
                    : value.equals("true") ? JavaNames.type(discriminator) : "Not" + JavaNames.type(discriminator);
            JavaType record = record(branch, wanted, naming.name(), branchPath, naming.name(), discriminator);
            declared.add(new Declaration.Branch(value, record.text()));
        }
        types.declare(new Declaration.UnionType(naming.name(), description(schema), discriminator, booleanValued, declared));
        return JavaType.declared(naming.name(), true);
    }

    private static String discriminatorOf(List<JsonNode> branches) {
        JsonNode first = branches.get(0).get("properties");
        if (first == null || !"object".equals(branches.get(0).path("type").asString(null))) {
            return null;
        }
        for (String candidate : first.propertyNames()) {
            Set<String> seen = new LinkedHashSet<>();
            boolean everywhere = true;
            boolean booleanValued = first.get(candidate).path("const").isBoolean();
            for (JsonNode branch : branches) {
                JsonNode property = branch.path("properties").get(candidate);
                String value = property == null ? null : literalOf(property);
                boolean required = false;
                for (JsonNode name : branch.path("required")) {
                    required |= name.asString().equals(candidate);
                }
                boolean sameKind = property != null && property.path("const").isBoolean() == booleanValued;
                if (value == null || !required || !sameKind || !seen.add(value)) {
                    everywhere = false;
                    break;
                }
            }
            if (everywhere) {
                return candidate;
            }
        }
        return null;
    }

    /** The string or boolean literal a property holds ({@code "true"} for {@code true}), or {@code null}. */
    private static String literalOf(JsonNode property) {
        JsonNode constant = property.get("const");
        if (constant != null && (constant.isString() || constant.isBoolean())) {
            return constant.isString() ? constant.asString() : Boolean.toString(constant.asBoolean());
        }
        JsonNode values = property.get("enum");
        return values != null && values.size() == 1 && values.get(0).isString() ? values.get(0).asString() : null;
    }

    /**
     * Declares the record of an object schema (once per distinct schema and name).
     *
     * @param implemented   the sealed interface it is a branch of, or {@code null}
     * @param discriminator the property left out because the interface's type id carries it, or {@code null}
     */
    private JavaType record(JsonNode schema, String wanted, String parent, String path, String implemented, String discriminator) {
        JsonNode key = schema;
        if (implemented != null) {
            ObjectNode branch = JsonNodeFactory.instance.objectNode();
            branch.put("branchOf", implemented);
            branch.set("schema", schema);
            key = branch;
        }
        DeclaredTypes.Naming naming = types.name(wanted, parent, key);
        if (naming.declared()) {
            return JavaType.declared(naming.name(), true);
        }
        types.reserve(naming.name());
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));
        List<Declaration.Component> components = new ArrayList<>();
        Set<String> imports = new TreeSet<>();
        Set<String> javaNames = new LinkedHashSet<>();
        for (var property : schema.path("properties").properties()) {
            String wire = property.getKey();
            if (wire.equals(discriminator)) {
                continue;
            }
            Mapped mapped = map(property.getValue(), JavaNames.type(wire), naming.name(), path + "." + wire);
            String javaName = JavaNames.member(wire);
            if (!javaNames.add(javaName)) {
                throw fail(path + "." + wire, "the fields of " + naming.name() + " give the Java name " + javaName + " twice");
            }
            boolean isRequired = required.contains(wire);
            List<String> annotations = new ArrayList<>();
            if (!javaName.equals(wire)) {
                annotations.add("@JsonProperty(" + JavaNames.literal(wire) + ")");
            }
            if (isRequired && mapped.nullable()) {
                annotations.add("@JsonInclude(JsonInclude.Include.ALWAYS)");
            } else if (isRequired && !mapped.type().isPrimitive()) {
                annotations.add("@NotNull");
            }
            if (mapped.type().validated()) {
                annotations.add("@Valid");
            }
            annotations.addAll(mapped.constraints());
            JavaType type = isRequired && !mapped.nullable() ? mapped.type()
                    : JavaType.of(mapped.type().boxed(), mapped.type().imports().toArray(String[]::new));
            imports.addAll(type.imports());
            imports.addAll(Annotations.importsOf(annotations));
            components.add(new Declaration.Component(javaName, type, annotations, description(property.getValue()),
                    isRequired || mapped.nullable() ? null : defaultOf(property.getValue(), type)));
        }
        Declaration.Fixed fixed = null;
        if (discriminator != null && schema.path("properties").path(discriminator).path("const").isBoolean()) {
            fixed = new Declaration.Fixed(discriminator, schema.get("properties").get(discriminator).get("const").asBoolean());
            imports.add("com.fasterxml.jackson.annotation.JsonIgnoreProperties");
            imports.add("com.fasterxml.jackson.annotation.JsonProperty");
        }
        types.declare(new Declaration.RecordType(naming.name(), description(schema), components, implemented, fixed, imports));
        return JavaType.declared(naming.name(), true);
    }

    /**
     * The Java expression of a field's default ({@code .default(x)}, JSON Schema {@code default}),
     * so that a field that arrives absent holds what the Zod side would have filled in; {@code null}
     * when there is none or it is no number, string, boolean or enum value. Not asked for a
     * nullable field, whose {@code null} may have been sent on purpose.
     */
    private static String defaultOf(JsonNode schema, JavaType type) {
        JsonNode value = schema.get("default");
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (type.boxed()) {
            case "Double" -> value.isNumber() ? Double.toString(value.doubleValue()) : null;
            case "Long" -> value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() + "L" : null;
            case "Integer" -> value.isIntegralNumber() && value.canConvertToInt() ? Integer.toString(value.intValue()) : null;
            case "Boolean" -> value.isBoolean() ? Boolean.toString(value.booleanValue()) : null;
            case "String" -> value.isString() ? JavaNames.literal(value.asString()) : null;
            default -> (schema.has("enum") || schema.has("const")) && value.isString()
                    ? type.boxed() + "." + JavaNames.constant(value.asString()) : null;
        };
    }

    private static String description(JsonNode schema) {
        JsonNode text = schema.get("description");
        return text == null || !text.isString() || text.asString().isBlank() ? null : text.asString().strip();
    }

    private CodegenException fail(String path, String reason) {
        return new CodegenException(where + " at " + path + ": " + reason);
    }

    private static String brief(JsonNode schema) {
        String text = schema.toString();
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }
}
