package io.clamator.protocol;

/**
 * A JSON-RPC error: thrown by handlers to answer with an error response, and thrown to callers
 * when the remote side answered with one. Code, message and data travel verbatim.
 *
 * <p>Application errors should use codes in the range -32000 to -32099; the other negative
 * codes below -32000 are reserved by JSON-RPC (see {@link ErrorCodes}).
 */
public class RpcException extends ClamatorException {

    private final int code;
    private final transient Object data;

    /** An error without data ({@code "data": null} on the wire). */
    public RpcException(int code, String message) {
        this(code, message, null);
    }

    /**
     * @param data anything Jackson can write; on the receiving side it is a
     *             {@link tools.jackson.databind.JsonNode} or {@code null}
     */
    public RpcException(int code, String message, Object data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    /** The error's {@code data} member; a {@code JsonNode} when received, {@code null} when absent. */
    public Object data() {
        return data;
    }

    @Override
    public String toString() {
        return "RpcException[code=" + code + ", message=" + getMessage() + ", data=" + data + "]";
    }
}
