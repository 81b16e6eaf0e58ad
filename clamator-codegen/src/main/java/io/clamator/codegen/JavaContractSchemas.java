package io.clamator.codegen;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of a Java params or result type, in the form zod-to-json-schema gives the
 * equivalent Zod type (its keys in its order), so that a contract written in Java hashes as the
 * Zod contract that says the same would. The inverse of the generator's mapping: records as
 * objects, {@code @NotNull} and primitives as required, {@code @JsonInclude(ALWAYS)} as nullable,
 * Bean Validation constraints as checks, enums, lists, maps, sealed interfaces with Jackson type
 * info as discriminated unions.
 */
final class JavaContractSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final double MAX_SAFE_INTEGER = 0x1p53 - 1;
    private static final String DRAFT_7 = "http://json-schema.org/draft-07/schema#";

    private final String where;

    /** @param where the contract and method, for messages */
    JavaContractSchemas(String where) {
        this.where = where;
    }

    /** The schema of a top-level params or result type, with {@code $schema} last as zod-to-json-schema writes it. */
    ObjectNode topLevel(Type type) {
        ObjectNode schema = (ObjectNode) of(type, null, "$");
        schema.put("$schema", DRAFT_7);
        return schema;
    }

    private JsonNode of(Type type, AnnotatedType annotated, String path) {
        Class<?> raw = raw(type, path);
        if (raw == int.class || raw == Integer.class) {
            return withinRange(numeric("integer", annotated), Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (raw == short.class || raw == Short.class) {
            return withinRange(numeric("integer", annotated), Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (raw == long.class || raw == Long.class || raw == java.math.BigInteger.class) {
            return numeric("integer", annotated);
        }
        if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class || raw == BigDecimal.class) {
            return numeric("number", annotated);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return type("boolean");
        }
        if (raw == String.class) {
            return string(annotated, null);
        }
        if (raw == Instant.class || raw == OffsetDateTime.class) {
            return string(annotated, "date-time");
        }
        if (raw == LocalDate.class) {
            return string(annotated, "date");
        }
        if (raw == LocalTime.class) {
            return string(annotated, "time");
        }
        if (raw == UUID.class) {
            return string(annotated, "uuid");
        }
        if (raw == URI.class) {
            return string(annotated, "uri");
        }
        if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return NODES.objectNode();
        }
        if (raw.isEnum()) {
            ObjectNode schema = type("string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(wireName((Enum<?>) constant));
            }
            return schema;
        }
        if (raw == Optional.class) {
            return of(argument(type, 0, path), argumentAnnotated(annotated, 0), path); // absent when empty: .optional()
        }
        if (List.class.isAssignableFrom(raw)) {
            ObjectNode schema = type("array");
            schema.set("items", of(argument(type, 0, path), argumentAnnotated(annotated, 0), path + "[]"));
            size(schema, annotated, "minItems", "maxItems");
            return schema;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type key = argument(type, 0, path);
            if (raw(key, path) != String.class) {
                throw new CodegenException(where + " at " + path + ": a map's keys must be Strings (z.record(z.string(), ...)), not "
                        + key.getTypeName());
            }
            ObjectNode schema = type("object");
            schema.set("additionalProperties", of(argument(type, 1, path), argumentAnnotated(annotated, 1), path + "[*]"));
            return schema;
        }
        if (raw.isRecord()) {
            return object(raw, null, path);
        }
        if (raw.isSealed() && raw.isAnnotationPresent(JsonTypeInfo.class)) {
            return union(raw, path);
        }
        throw new CodegenException(where + " at " + path + ": the Java type " + type.getTypeName() + " has no Zod counterpart");
    }

    private ObjectNode object(Class<?> record, Discriminator discriminator, String path) {
        ObjectNode schema = type("object");
        ObjectNode properties = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        if (discriminator != null) {
            ObjectNode value = discriminator.booleanValued() ? type("boolean") : type("string");
            if (discriminator.booleanValued()) {
                value.put("const", Boolean.parseBoolean(discriminator.value()));
            } else {
                value.put("const", discriminator.value());
            }
            properties.set(discriminator.property(), value);
            required.add(discriminator.property());
        }
        for (RecordComponent component : record.getRecordComponents()) {
            Method accessor = component.getAccessor();
            JsonProperty renamed = accessor.getAnnotation(JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
            if (discriminator != null && name.equals(discriminator.property())) {
                continue; // a branch's own copy of the discriminator (include = EXISTING_PROPERTY): described above
            }
            JsonNode property = of(component.getGenericType(), component.getAnnotatedType(), path + "." + name);
            JsonInclude include = accessor.getAnnotation(JsonInclude.class);
            boolean nullable = include != null && include.value() == JsonInclude.Include.ALWAYS;
            if (nullable) {
                property = nullable(property);
            }
            properties.set(name, property);
            if (nullable || component.getType().isPrimitive() || has(component.getAnnotatedType(), accessor, "NotNull")) {
                required.add(name);
            }
        }
        if (!required.isEmpty()) {
            ArrayNode list = schema.putArray("required");
            required.forEach(list::add);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    private JsonNode union(Class<?> sealed, String path) {
        JsonTypeInfo info = sealed.getAnnotation(JsonTypeInfo.class);
        JsonSubTypes subTypes = sealed.getAnnotation(JsonSubTypes.class);
        if (info.use() != JsonTypeInfo.Id.NAME || subTypes == null) {
            throw new CodegenException(where + " at " + path + ": " + sealed.getName()
                    + " needs @JsonTypeInfo(use = NAME, property = ...) and @JsonSubTypes naming each branch");
        }
        if (info.include() != JsonTypeInfo.As.PROPERTY && info.include() != JsonTypeInfo.As.EXISTING_PROPERTY) {
            throw new CodegenException(where + " at " + path + ": " + sealed.getName() + " is written with include = "
                    + info.include() + "; a union is described only with its discriminator as a property of each object"
                    + " (include = PROPERTY)");
        }
        if (info.property().isBlank()) {
            throw new CodegenException(where + " at " + path + ": " + sealed.getName() + " needs @JsonTypeInfo(property = ...)"
                    + " naming its discriminator");
        }
        boolean booleanNames = true;
        for (JsonSubTypes.Type branch : subTypes.value()) {
            if (branch.name().isBlank()) {
                throw new CodegenException(where + " at " + path + ": " + sealed.getName() + " needs a name for each branch"
                        + " (@JsonSubTypes.Type(value = " + branch.value().getSimpleName() + ".class, name = ...)), never its class name");
            }
            booleanNames &= branch.name().equals("true") || branch.name().equals("false");
        }
        boolean booleanValued = info.include() == JsonTypeInfo.As.EXISTING_PROPERTY && booleanNames;
        if (info.include() == JsonTypeInfo.As.EXISTING_PROPERTY && !booleanValued) {
            requireOwnDiscriminator(sealed, info, subTypes, path);
        }
        ObjectNode schema = NODES.objectNode();
        ArrayNode branches = schema.putArray("anyOf");
        for (JsonSubTypes.Type branch : subTypes.value()) {
            branches.add(object(branch.value(), new Discriminator(info.property(), branch.name(), booleanValued),
                    path + "<" + branch.name() + ">"));
        }
        return schema;
    }

    private record Discriminator(String property, String value, boolean booleanValued) {
    }

    /**
     * A union whose branches write the discriminator themselves (include = EXISTING_PROPERTY) needs
     * it read back into them ({@code visible = true}) and a component of that name in each.
     */
    private void requireOwnDiscriminator(Class<?> sealed, JsonTypeInfo info, JsonSubTypes subTypes, String path) {
        if (!info.visible()) {
            throw new CodegenException(where + " at " + path + ": " + sealed.getName() + " has include = EXISTING_PROPERTY without"
                    + " visible = true, so its branches would read their discriminator \"" + info.property() + "\" as null");
        }
        for (JsonSubTypes.Type branch : subTypes.value()) {
            boolean has = false;
            for (RecordComponent component : branch.value().getRecordComponents()) {
                JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
                String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
                has |= name.equals(info.property()) && component.getType() == String.class;
            }
            if (!has) {
                throw new CodegenException(where + " at " + path + ": the branch " + branch.value().getName() + " of "
                        + sealed.getName() + " needs a String component \"" + info.property() + "\" (include = EXISTING_PROPERTY)");
            }
        }
    }

    /**
     * {@code .nullable()}: a bare string, number or boolean becomes a type list, anything else
     * (an integer too: {@code .int()} is a check) an {@code anyOf} with null, as zod-to-json-schema does.
     */
    private static JsonNode nullable(JsonNode schema) {
        if (schema.size() == 1 && schema.has("type") && List.of("string", "number", "boolean").contains(schema.get("type").asString())) {
            ObjectNode collapsed = NODES.objectNode();
            collapsed.putArray("type").add(schema.get("type").asString()).add("null");
            return collapsed;
        }
        ObjectNode any = NODES.objectNode();
        any.putArray("anyOf").add(schema).add(type("null"));
        return any;
    }

    private static ObjectNode numeric(String kind, AnnotatedType annotated) {
        ObjectNode schema = type(kind);
        for (Annotation annotation : annotations(annotated)) {
            switch (annotation.annotationType().getSimpleName()) {
                case "Positive" -> schema.put("exclusiveMinimum", 0);
                case "PositiveOrZero" -> schema.put("minimum", 0);
                case "Negative" -> schema.put("exclusiveMaximum", 0);
                case "NegativeOrZero" -> schema.put("maximum", 0);
                case "Min" -> schema.put("minimum", (long) value(annotation, "value"));
                case "Max" -> schema.put("maximum", (long) value(annotation, "value"));
                case "DecimalMin" -> schema.set((boolean) value(annotation, "inclusive") ? "minimum" : "exclusiveMinimum",
                        jsNumber((String) value(annotation, "value")));
                case "DecimalMax" -> schema.set((boolean) value(annotation, "inclusive") ? "maximum" : "exclusiveMaximum",
                        jsNumber((String) value(annotation, "value")));
                default -> {
                }
            }
        }
        return schema;
    }

    /**
     * An integer schema bounded by its Java type's range where its annotations leave a side open:
     * a peer that sends a value beyond it would otherwise be refused by a schema that allowed it.
     */
    private static ObjectNode withinRange(ObjectNode schema, long lowest, long highest) {
        if (!schema.has("minimum") && !schema.has("exclusiveMinimum")) {
            schema.put("minimum", lowest);
        }
        if (!schema.has("maximum") && !schema.has("exclusiveMaximum")) {
            schema.put("maximum", highest);
        }
        return schema;
    }

    /** A decimal bound as the JavaScript number its text reads as: a double, held as an integer when it is a safe integer. */
    private static JsonNode jsNumber(String text) {
        double value = new BigDecimal(text).doubleValue();
        return value == Math.rint(value) && Math.abs(value) <= MAX_SAFE_INTEGER ? NODES.numberNode((long) value) : NODES.numberNode(value);
    }

    private static ObjectNode string(AnnotatedType annotated, String format) {
        ObjectNode schema = type("string");
        if (format != null) {
            schema.put("format", format);
        }
        for (Annotation annotation : annotations(annotated)) {
            if (annotation.annotationType().getSimpleName().equals("Email")) {
                schema.put("format", "email");
            }
        }
        size(schema, annotated, "minLength", "maxLength");
        for (Annotation annotation : annotations(annotated)) {
            if (annotation.annotationType().getSimpleName().equals("Pattern")) {
                schema.put("pattern", asRegExpSource(found((String) value(annotation, "regexp"))));
            }
        }
        return schema;
    }

    /** The regex Zod needs to find: a whole-match pattern the generator wrapped is unwrapped. */
    private static String found(String regexp) {
        if (regexp.startsWith(SchemaMapper.ANYWHERE_PREFIX) && regexp.endsWith(SchemaMapper.ANYWHERE_SUFFIX)) {
            return regexp.substring(SchemaMapper.ANYWHERE_PREFIX.length(), regexp.length() - SchemaMapper.ANYWHERE_SUFFIX.length());
        }
        return regexp;
    }

    /** A regex as JavaScript's {@code RegExp.source} gives it, which is what zod-to-json-schema writes: {@code /} escaped. */
    private static String asRegExpSource(String regexp) {
        StringBuilder out = new StringBuilder();
        boolean escaped = false;
        for (char c : regexp.toCharArray()) {
            if (c == '/' && !escaped) {
                out.append('\\');
            }
            out.append(c);
            escaped = c == '\\' && !escaped;
        }
        return out.toString();
    }

    private static void size(ObjectNode schema, AnnotatedType annotated, String min, String max) {
        for (Annotation annotation : annotations(annotated)) {
            if (annotation.annotationType().getSimpleName().equals("Size")) {
                int low = (int) value(annotation, "min");
                int high = (int) value(annotation, "max");
                if (low > 0) {
                    schema.put(min, low);
                }
                if (high < Integer.MAX_VALUE) {
                    schema.put(max, high);
                }
            }
        }
    }

    private static ObjectNode type(String kind) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", kind);
        return schema;
    }

    private static boolean has(AnnotatedType annotated, Method accessor, String simpleName) {
        for (Annotation annotation : annotations(annotated)) {
            if (annotation.annotationType().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        for (Annotation annotation : accessor.getAnnotations()) {
            if (annotation.annotationType().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    private static Annotation[] annotations(AnnotatedType annotated) {
        return annotated == null ? new Annotation[0] : annotated.getAnnotations();
    }

    private static Object value(Annotation annotation, String attribute) {
        try {
            return annotation.annotationType().getMethod(attribute).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + attribute + " of " + annotation, e);
        }
    }

    private static String wireName(Enum<?> constant) {
        try {
            JsonProperty renamed = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return renamed != null && !renamed.value().isEmpty() ? renamed.value() : constant.name();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private Class<?> raw(Type type, String path) {
        if (type instanceof Class<?> type1) {
            return type1;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new CodegenException(where + " at " + path + ": the Java type " + type.getTypeName()
                + " (a type variable, wildcard or generic array) has no Zod counterpart; name the type itself");
    }

    private Type argument(Type type, int index, String path) {
        if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
            return parameterized.getActualTypeArguments()[index];
        }
        throw new CodegenException(where + " at " + path + ": a raw " + type.getTypeName() + " has no element type");
    }

    private static AnnotatedType argumentAnnotated(AnnotatedType annotated, int index) {
        if (annotated instanceof AnnotatedParameterizedType parameterized && parameterized.getAnnotatedActualTypeArguments().length > index) {
            return parameterized.getAnnotatedActualTypeArguments()[index];
        }
        return null;
    }

    /** The schema of params that are no object at all: a method without a parameter takes {@code z.object({})}. */
    static ObjectNode emptyParams() {
        ObjectNode schema = type("object");
        schema.putObject("properties");
        schema.put("additionalProperties", false);
        schema.put("$schema", DRAFT_7);
        return schema;
    }
}
