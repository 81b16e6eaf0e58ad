package io.clamator.transport.spi;

/**
 * An encoded call handed to a client transport.
 *
 * @param service  the service addressed
 * @param callId   the request id, or {@code null} for a notification
 * @param envelope the envelope as UTF-8 encoded JSON
 */
public record OutgoingMessage(String service, String callId, byte[] envelope) {

    /** Whether the call is a request, which wants a reply. */
    public boolean expectsReply() {
        return callId != null;
    }
}
