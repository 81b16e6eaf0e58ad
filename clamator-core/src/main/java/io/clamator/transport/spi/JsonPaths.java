package io.clamator.transport.spi;

import tools.jackson.core.JacksonException;

/** Renders where in a JSON value a binding error happened, e.g. {@code items[2].quantity}. */
final class JsonPaths {

    private JsonPaths() {
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
