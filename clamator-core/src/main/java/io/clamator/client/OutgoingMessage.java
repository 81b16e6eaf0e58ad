package io.clamator.client;

/**
 * An encoded call handed to a client transport.
 *
 * @param service  the service addressed
 * @param callId   the request id, or {@code null} for a notification
 * @param envelope the envelope's JSON text
 */
public record OutgoingMessage(String service, String callId, String envelope) {

    public boolean expectsReply() {
        return callId != null;
    }
}
