package io.clamator.observation;

/** How an observed call ended, the value of the {@code clamator.outcome} key. */
public enum CallOutcome {

    /** A result was answered (or, for a notification, it was sent or handled). */
    SUCCESS("success"),
    /** An error reply: its code is in {@code rpc.response.status_code} and {@code error.type}. */
    ERROR_REPLY("error_reply"),
    /** The caller's timeout passed without a reply, or (on a server) the handler's time limit. */
    TIMEOUT("timeout"),
    /** The transport could not send the call or deliver its reply. */
    TRANSPORT_FAILURE("transport_failure"),
    /** A reply that could not be read, or params that could not be written. */
    PROTOCOL_ERROR("protocol_error"),
    /** The caller cancelled the call (or disposed of its {@code Mono}), or its thread was interrupted. */
    CANCELLED("cancelled");

    private final String value;

    CallOutcome(String value) {
        this.value = value;
    }

    /** The key value. */
    public String value() {
        return value;
    }
}
