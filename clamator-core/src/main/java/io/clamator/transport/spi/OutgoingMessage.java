package io.clamator.client;

/**
 * An encoded call handed to a client transport.
 *
 * @param service  the service addressed
 * @param callId   the request id, or {@code null} for a notification
 * @param envelope the envelope as UTF-8 encoded JSON
 */
public record OutgoingMessage(String service, String callId, byte[] envelope) {

    public boolean expectsReply() {
        return callId != null;
    }
}
