package io.clamator.transport.spi;

import java.time.Duration;

/**
 * An encoded call handed to a client transport.
 *
 * @param service  the service addressed
 * @param callId   the request id, or {@code null} for a notification
 * @param envelope the envelope as UTF-8 encoded JSON
 * @param timeout  how long the caller waits for the reply, or {@code null} for a notification;
 *                 a transport may pass it on, so that a server does not run a call whose caller
 *                 has given up
 */
public record OutgoingMessage(String service, String callId, byte[] envelope, Duration timeout) {

    /** Whether the call is a request, which wants a reply. */
    public boolean expectsReply() {
        return callId != null;
    }
}
