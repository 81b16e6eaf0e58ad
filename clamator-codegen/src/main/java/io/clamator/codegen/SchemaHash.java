package io.clamator.codegen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/**
 * The hash upstream's {@code @clamator/codegen} gives a lowered schema: SHA-256, in lower-case hex,
 * of its compact JSON text with the keys in their order, as {@code JSON.stringify} writes it
 * ({@link JsJson}).
 */
final class SchemaHash {

    private SchemaHash() {
    }

    static String of(JsonNode schema) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JsJson.stringify(schema).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
