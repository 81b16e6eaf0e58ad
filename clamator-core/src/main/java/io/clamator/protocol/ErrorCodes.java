package io.clamator.protocol;

/** The JSON-RPC 2.0 error codes clamator servers use, with the messages they send. */
public final class ErrorCodes {

    /** Never sent by servers; used in parse-failure exception messages. */
    public static final int PARSE_ERROR = -32700;
    /**
     * Sent by Java servers only to answer a request too large to read; otherwise used in
     * envelope-validation exception messages.
     */
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;

    /** Lowest code of the application-defined range. */
    public static final int APPLICATION_MIN = -32099;
    /** Highest code of the application-defined range. */
    public static final int APPLICATION_MAX = -32000;

    public static final String INVALID_REQUEST_MESSAGE = "Invalid Request";
    public static final String METHOD_NOT_FOUND_MESSAGE = "Method not found";
    public static final String INVALID_PARAMS_MESSAGE = "Invalid params";
    public static final String INTERNAL_ERROR_MESSAGE = "Internal error";
    public static final String RESULT_VALIDATION_FAILED_MESSAGE = "Result validation failed";
    /** The message of the {@link #INTERNAL_ERROR} a Java server answers when a handler ran past its time limit. */
    public static final String HANDLER_TIMED_OUT_MESSAGE = "Handler timed out";
    /**
     * The message of the {@link #INTERNAL_ERROR} a Java server answers when it moves a call that
     * was delivered more often than the delivery limit to the dead letters.
     */
    public static final String DELIVERY_LIMIT_EXCEEDED_MESSAGE = "Delivery limit exceeded";

    private ErrorCodes() {
    }
}
