package io.clamator.codegen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/**
 * The hash upstream's {@code @clamator/codegen} gives a lowered schema: SHA-256, in lower-case hex,
 * of its compact JSON text with the keys in their order ({@code JSON.stringify}). Compact JSON of
 * a schema read with its key order kept is the same text for the schemas contracts are made of
 * (no numbers beyond 1e21, no control characters in descriptions).
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
