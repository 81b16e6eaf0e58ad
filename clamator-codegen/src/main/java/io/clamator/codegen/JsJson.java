package io.clamator.codegen;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON text as JavaScript's {@code JSON.stringify} writes it, for the values contract schemas are
 * made of (keys in their order, decimals in plain notation): what the schema hashes are taken of,
 * and the scalars of the description and of Zod files.
 */
final class JsJson {

    /** Reads and writes JSON the same way everywhere in this module. */
    static final JsonMapper MAPPER = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private JsJson() {
    }

    /** The compact JSON text of a value: a tree, a string, a number. */
    static String stringify(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
