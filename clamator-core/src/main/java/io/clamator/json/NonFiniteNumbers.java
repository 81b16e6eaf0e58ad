package io.clamator.json;

import io.clamator.protocol.ClamatorProtocolException;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Finds NaN and infinities in a JSON tree: JSON has no way to write them. */
final class NonFiniteNumbers {

    private NonFiniteNumbers() {
    }

    static void reject(JsonNode tree) {
        String path = find(tree, "$");
        if (path != null) {
            throw new ClamatorProtocolException("NaN and Infinity cannot be sent as JSON (at " + path + ")");
        }
    }

    private static String find(JsonNode node, String path) {
        if (node.isFloatingPointNumber()) {
            double value = node.doubleValue();
            return Double.isFinite(value) ? null : path;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String found = find(member.getValue(), path + "." + member.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
