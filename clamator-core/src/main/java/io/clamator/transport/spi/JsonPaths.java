package io.clamator.transport.spi;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Where in a JSON value a binding error happened, e.g. {@code items[2].quantity}, and what is there. */
final class JsonPaths {

    private JsonPaths() {
    }

    /** The value at the error's location in {@code root}, or {@code null} where there is none. */
    static JsonNode find(JsonNode root, JacksonException error) {
        JsonNode current = root;
        for (JacksonException.Reference reference : error.getPath()) {
            if (current == null) {
                return null;
            }
            if (reference.getPropertyName() != null) {
                current = current.get(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                current = current.get(reference.getIndex());
            }
        }
        return current;
    }

    static String of(JacksonException error) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : error.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
