package io.clamator.json;

import io.clamator.protocol.ClamatorProtocolException;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Finds NaN and infinities in a JSON tree: JSON has no way to write them. */
final class NonFiniteNumbers {

    private NonFiniteNumbers() {
    }

    static void reject(JsonNode tree) {
        String path = find(tree);
        if (path != null) {
            throw new ClamatorProtocolException("NaN and Infinity cannot be sent as JSON (at $" + path + ")");
        }
    }

    /** The path below {@code node} to the first non-finite number, or {@code null}; built only once one is found. */
    private static String find(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            return Double.isFinite(node.doubleValue()) ? null : "";
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String found = find(member.getValue());
                if (found != null) {
                    return "." + member.getKey() + found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i));
                if (found != null) {
                    return "[" + i + "]" + found;
                }
            }
        }
        return null;
    }
}
