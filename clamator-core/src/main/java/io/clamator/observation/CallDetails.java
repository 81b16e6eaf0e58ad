package io.clamator.observation;

/**
 * What the observation of a call knows about it, on the client and on the server side: where it
 * went and, once it ended, how.
 */
public final class CallDetails {

    private final String service;
    private final String method;
    private final String requestId;
    private final String keyPrefix;
    private volatile CallOutcome outcome;
    private volatile Integer errorCode;

    /**
     * @param requestId the request id as sent, {@code null} for a notification
     * @param keyPrefix the key prefix (namespace) of the transport the call goes through
     */
    public CallDetails(String service, String method, String requestId, String keyPrefix) {
        this.service = service;
        this.method = method;
        this.requestId = requestId;
        this.keyPrefix = keyPrefix;
    }

    public String service() {
        return service;
    }

    public String method() {
        return method;
    }

    /** The request id as sent, or {@code null} for a notification. */
    public String requestId() {
        return requestId;
    }

    /** Whether the call is a notification (no reply). */
    public boolean isNotification() {
        return requestId == null;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    /** How the call ended; {@code null} while it runs. */
    public CallOutcome outcome() {
        return outcome;
    }

    /** The code of the error reply, or {@code null} when the call was not answered with an error. */
    public Integer errorCode() {
        return errorCode;
    }

    /** Records how the call ended, with the code of its error reply if it got one. */
    public void ended(CallOutcome how, Integer code) {
        this.outcome = how;
        this.errorCode = code;
    }
}
