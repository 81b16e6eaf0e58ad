package io.clamator.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON-RPC error: thrown by handlers to answer with an error response, and thrown to callers
 * when the remote side answered with one. Code, message and data travel verbatim.
 *
 * <p>Application errors should use codes in the range -32000 to -32099; the other negative
 * codes below -32000 are reserved by JSON-RPC (see {@link ErrorCodes}).
 *
 * <p>A caller reads the error's data as a JSON tree with {@link #data()} or as a Java type with
 * {@link #data(Class)}:
 * <pre>{@code
 * catch (RpcException e) {
 *     if (e.code() == INSUFFICIENT_STOCK) {
 *         Shortage shortage = e.data(Shortage.class);
 *     }
 * }
 * }</pre>
 */
public class RpcException extends ClamatorException {

    private final int code;
    private final transient Object data;
    private final transient JsonMapper mapper;

    /** An error without data ({@code "data": null} on the wire). */
    public RpcException(int code, String message) {
        this(code, message, null);
    }

    /**
     * An error a handler answers with.
     *
     * @param message the error's message; {@code null} is sent as {@code ""} (every peer refuses an
     *                error without a string message)
     * @param data    anything Jackson can write, or {@code null}; the server writes it with its own
     *                JSON mapping
     */
    public RpcException(int code, String message, Object data) {
        super(message == null ? "" : message);
        this.code = code;
        this.data = data;
        this.mapper = null;
    }

    /**
     * An error received from a peer (this is how clients build the exceptions they throw).
     *
     * @param data   the error's {@code data} member, {@code null} when absent
     * @param mapper the mapping {@link #data(Class)} reads it with: the receiving client's
     */
    public RpcException(int code, String message, JsonNode data, JsonMapper mapper) {
        super(message);
        this.code = code;
        this.data = data == null || data.isNull() || data.isMissingNode() ? null : data;
        this.mapper = mapper;
    }

    public int code() {
        return code;
    }

    /**
     * The error's {@code data} member as a JSON tree, {@code null} when absent. For an exception
     * built with a Java value, that value written as a tree by plain Jackson.
     */
    public JsonNode data() {
        if (data == null || data instanceof JsonNode) {
            return (JsonNode) data;
        }
        return mapperOrShared().valueToTree(data);
    }

    /**
     * The error's {@code data} member read as {@code type}, {@code null} when absent.
     *
     * @throws ClamatorProtocolException when the data does not fit the type
     */
    public <T> T data(Class<T> type) {
        if (data == null || type.isInstance(data)) {
            return type.cast(data);
        }
        try {
            return mapperOrShared().treeToValue(data(), type);
        } catch (JacksonException e) {
            throw new ClamatorProtocolException("the data of error " + code + " (" + getMessage() + ") does not fit "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The data exactly as given to the constructor: what a server writes, with its own JSON
     * mapping. Callers use {@link #data()} or {@link #data(Class)}.
     */
    public Object dataValue() {
        return data;
    }

    private JsonMapper mapperOrShared() {
        return mapper != null ? mapper : JsonMapper.shared();
    }

    @Override
    public String toString() {
        return "RpcException[code=" + code + ", message=" + getMessage() + ", data=" + data + "]";
    }
}
