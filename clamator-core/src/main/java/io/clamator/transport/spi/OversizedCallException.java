package io.clamator.transport.spi;

import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.ErrorCodes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A received envelope is larger than the server accepts. It is not read, but a request's id is
 * looked up so that its caller gets an {@linkplain #errorReply() error reply} instead of waiting
 * for its timeout.
 */
public final class OversizedCallException extends ClamatorProtocolException {

    private final int bytes;
    private final int maxBytes;
    private final transient JsonNode id;

    OversizedCallException(int bytes, int maxBytes, JsonNode id) {
        super("envelope of " + bytes + " bytes exceeds the maximum of " + maxBytes);
        this.bytes = bytes;
        this.maxBytes = maxBytes;
        this.id = id;
    }

    /** The request's id, or {@code null} for a notification or an envelope whose id could not be found. */
    public JsonNode id() {
        return id;
    }

    /**
     * The answer to a request too large to read: {@code -32600 Invalid Request} with
     * {@code data} {@code {"reason": ..., "bytes": <size>, "maxBytes": <limit>}}; {@code null} without an id.
     */
    public Envelope.Error errorReply() {
        if (id == null) {
            return null;
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode()
                .put("reason", getMessage())
                .put("bytes", bytes)
                .put("maxBytes", maxBytes);
        return new Envelope.Error(id, ErrorCodes.INVALID_REQUEST, ErrorCodes.INVALID_REQUEST_MESSAGE, data);
    }
}
