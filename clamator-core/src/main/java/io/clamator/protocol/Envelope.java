package io.clamator.protocol;

import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC 2.0 envelope as clamator speaks it: a request, a notification, a success response
 * or an error response. Ids are kept as JSON values (a string or an integer) so they can be
 * echoed back verbatim; {@link #idKey(JsonNode)} gives the string form replies are matched by.
 */
public sealed interface Envelope {

    /** A call that wants a reply. */
    record Request(JsonNode id, String service, String method, JsonNode params) implements Call {
    }

    /** A call that never gets a reply. */
    record Notification(String service, String method, JsonNode params) implements Call {
        @Override
        public JsonNode id() {
            return null;
        }
    }

    /** A successful reply; {@code result} may be a JSON null. */
    record Success(JsonNode id, JsonNode result) implements Response {
    }

    /** An error reply; {@code id} may be {@code null}, {@code data} is JSON null when absent. */
    record Error(JsonNode id, int code, String message, JsonNode data) implements Response {
    }

    /** What a server receives: a request or a notification. */
    sealed interface Call extends Envelope permits Request, Notification {
        String service();

        String method();

        JsonNode params();

        /** The request id, or {@code null} for a notification. */
        JsonNode id();
    }

    /** What a client receives: a success or error response. */
    sealed interface Response extends Envelope permits Success, Error {
        JsonNode id();
    }

    /** The string form of an id used to match replies to calls ({@code null} for no id). */
    static String idKey(JsonNode id) {
        if (id == null || id.isNull() || id.isMissingNode()) {
            return null;
        }
        return id.isString() ? id.stringValue() : id.asString();
    }
}
