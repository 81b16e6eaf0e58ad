package io.clamator.transport.spi;

import java.time.Duration;
import java.util.Map;

/**
 * An encoded call handed to a client transport.
 *
 * @param service  the service addressed
 * @param callId   the request id, or {@code null} for a notification
 * @param envelope the envelope as UTF-8 encoded JSON
 * @param timeout  how long the caller waits for the reply, or {@code null} for a notification;
 *                 a transport may pass it on, so that a server does not run a call whose caller
 *                 has given up
 * @param fields   fields to send beside the envelope, e.g. a trace context ({@code traceparent}); empty
 *                 unless an observation propagates one. A transport writes them after the fields the
 *                 protocol defines, where peers that do not know them ignore them.
 */
public record OutgoingMessage(String service, String callId, byte[] envelope, Duration timeout, Map<String, String> fields) {

    public OutgoingMessage {
        fields = Map.copyOf(fields);
    }

    /** A message without further fields. */
    public OutgoingMessage(String service, String callId, byte[] envelope, Duration timeout) {
        this(service, callId, envelope, timeout, Map.of());
    }

    /** Whether the call is a request, which wants a reply. */
    public boolean expectsReply() {
        return callId != null;
    }
}
