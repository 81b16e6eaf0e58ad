package io.clamator.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clamator.protocol.ClamatorProtocolException;
import java.lang.reflect.Type;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * The JSON mapping clamator uses for params, results and envelopes, on Jackson 3.
 *
 * <p>Rules, chosen for interoperability with the Python and TypeScript implementations:
 * <ul>
 *   <li>absent values ({@code null}, empty {@code Optional}) are omitted when writing objects;
 *       a JSON {@code null} is read as absent;</li>
 *   <li>unknown fields are ignored when reading, unless {@link Builder#strictUnknownFields strict};</li>
 *   <li>{@code 5} and {@code 5.0} are both read into any numeric field; an integer field takes
 *       {@code 5.0} but rejects {@code 5.5};</li>
 *   <li>no scalar is converted to another kind: a string is not read into a number or boolean
 *       field, nor a number or boolean into a string field, nor a number into an enum;</li>
 *   <li>{@code NaN} and infinities are never written: converting such a value fails.</li>
 * </ul>
 */
public final class ClamatorJson {

    private final JsonMapper mapper;
    private final boolean strictUnknownFields;

    private ClamatorJson(JsonMapper mapper, boolean strictUnknownFields) {
        this.mapper = mapper;
        this.strictUnknownFields = strictUnknownFields;
    }

    /** The default mapping: lenient about unknown fields. */
    public static ClamatorJson defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configured Jackson mapper. */
    public JsonMapper mapper() {
        return mapper;
    }

    public boolean strictUnknownFields() {
        return strictUnknownFields;
    }

    /**
     * Converts a Java value to a JSON tree.
     *
     * @throws ClamatorProtocolException if the value holds NaN or an infinity, or cannot be mapped
     */
    public JsonNode toTree(Object value) {
        JsonNode tree;
        try {
            tree = mapper.valueToTree(value);
        } catch (JacksonException e) {
            throw new ClamatorProtocolException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
        NonFiniteNumbers.reject(tree);
        return tree;
    }

    /**
     * Converts a JSON tree to a Java value of the given type.
     *
     * @throws tools.jackson.databind.DatabindException when the tree does not fit the type
     */
    public <T> T fromTree(JsonNode tree, Type type) {
        JavaType javaType = mapper.constructType(type);
        return mapper.treeToValue(tree, javaType);
    }

    /**
     * Parses JSON text into a tree.
     *
     * @throws ClamatorProtocolException when the text is not JSON
     */
    public JsonNode readTree(String text) {
        try {
            return mapper.readTree(text);
        } catch (JacksonException e) {
            throw new ClamatorProtocolException("-32700 Parse error: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses UTF-8 encoded JSON into a tree; malformed UTF-8 is rejected.
     *
     * @throws ClamatorProtocolException when the bytes are not JSON
     */
    public JsonNode readTree(byte[] utf8) {
        try {
            return mapper.readTree(utf8);
        } catch (JacksonException e) {
            throw new ClamatorProtocolException("-32700 Parse error: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a tree as compact UTF-8 encoded JSON. */
    public byte[] writeBytes(JsonNode tree) {
        return mapper.writeValueAsBytes(tree);
    }

    /** Writes a tree as compact JSON text (UTF-8 characters unescaped). */
    public String write(JsonNode tree) {
        return mapper.writeValueAsString(tree);
    }

    /** A new, empty JSON object. */
    public ObjectNode objectNode() {
        return mapper.createObjectNode();
    }

    /** Configures a {@link ClamatorJson}. */
    public static final class Builder {

        private JsonMapper base;
        private boolean strictUnknownFields;

        private Builder() {
        }

        /**
         * Starts from an application's own mapper (its modules and naming settings are kept);
         * clamator's rules are applied on top of a copy of it.
         */
        public Builder baseMapper(JsonMapper mapper) {
            this.base = mapper;
            return this;
        }

        /** Reject params and results with fields the Java type does not know (default: ignore them). */
        public Builder strictUnknownFields(boolean strict) {
            this.strictUnknownFields = strict;
            return this;
        }

        public ClamatorJson build() {
            JsonMapper.Builder builder = base != null ? base.rebuild() : JsonMapper.builder();
            builder.changeDefaultPropertyInclusion(inclusion -> inclusion
                            .withValueInclusion(JsonInclude.Include.NON_ABSENT))
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strictUnknownFields)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .withCoercionConfig(LogicalType.Textual, strings -> strings
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                    .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                    .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                    .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .addModule(new IntegralNumbersModule())
                    .addModule(new ExactNumbersModule());
            return new ClamatorJson(builder.build(), strictUnknownFields);
        }
    }
}
