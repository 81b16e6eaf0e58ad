package io.clamator.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Reads and writes JSON-RPC envelopes following the clamator parsing rules, in their order,
 * with their exact error texts; writes members in the order the other implementations emit.
 * Applied to everything sent and received.
 */
public final class EnvelopeCodec {

    private static final String VERSION = "2.0";

    private final JsonMapper mapper;

    /**
     * @param mapper the mapper envelopes are read and written with; params and results are read
     *               into trees by it, so its number settings decide how exact they stay
     */
    public EnvelopeCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Parses envelope text.
     *
     * @throws ClamatorProtocolException with a message {@code -32600 Invalid Request: <detail>},
     *                                    or {@code -32700 Parse error: ...} for text that is not JSON
     */
    public Envelope parse(String text) {
        try {
            return parse(mapper.readTree(text));
        } catch (JacksonException e) {
            throw notJson(e);
        }
    }

    /** Parses UTF-8 encoded envelope JSON; see {@link #parse(String)}. Malformed UTF-8 is a parse error. */
    public Envelope parse(byte[] utf8) {
        try {
            return parse(mapper.readTree(utf8));
        } catch (JacksonException e) {
            throw notJson(e);
        }
    }

    /** Classifies a parsed JSON value as an envelope; see {@link #parse(String)}. */
    public Envelope parse(JsonNode node) {
        if (node.isArray()) {
            throw invalid("batch requests not supported");
        }
        if (!node.isObject()) {
            throw invalid("not an object");
        }
        JsonNode version = node.get("jsonrpc");
        if (version == null || !version.isString() || !VERSION.equals(version.stringValue())) {
            throw invalid("jsonrpc must equal \"2.0\"");
        }
        JsonNode method = node.get("method");
        JsonNode id = node.get("id");
        boolean hasId = id != null && !id.isNull();
        boolean hasResult = node.has("result");
        boolean hasError = node.has("error");
        if (method != null && method.isString()) {
            return parseCall(method.stringValue(), hasId ? id : null, node.get("params"));
        }
        if (hasResult && !hasError) {
            if (!hasId) {
                throw invalid("response must have id");
            }
            return new Envelope.Success(id, node.get("result"));
        }
        if (hasError && !hasResult) {
            return parseError(hasId ? id : null, node.get("error"));
        }
        throw invalid("envelope must be request, notification, or response");
    }

    /**
     * Checks a service and method name pair the way received envelopes are checked.
     *
     * @throws ClamatorProtocolException with the same message parsing would give
     */
    public static void requireValidNames(String service, String method) {
        if (service == null || service.isEmpty() || method == null || method.isEmpty()) {
            throw invalid("method must be \"<service>.<method>\"");
        }
        if (!Names.isValidService(service)) {
            throw invalid("invalid service segment");
        }
        if (!Names.isValidMethod(method)) {
            throw invalid("invalid method segment");
        }
    }

    private Envelope parseCall(String qualifiedMethod, JsonNode id, JsonNode params) {
        int dot = qualifiedMethod.indexOf('.');
        if (dot <= 0 || dot == qualifiedMethod.length() - 1) {
            throw invalid("method must be \"<service>.<method>\"");
        }
        String service = qualifiedMethod.substring(0, dot);
        String method = qualifiedMethod.substring(dot + 1);
        requireValidNames(service, method);
        JsonNode actualParams = params == null || params.isNull() ? mapper.createObjectNode() : params;
        if (id == null) {
            return new Envelope.Notification(service, method, actualParams);
        }
        if (!id.isString() && !id.isIntegralNumber()) {
            throw invalid("id must be string or number");
        }
        return new Envelope.Request(id, service, method, actualParams);
    }

    private Envelope parseError(JsonNode id, JsonNode error) {
        JsonNode code = error.isObject() ? error.get("code") : null;
        JsonNode message = error.isObject() ? error.get("message") : null;
        if (code == null || !code.isIntegralNumber() || !code.canConvertToInt()
                || message == null || !message.isString()) {
            throw invalid("error must have numeric code + string message");
        }
        JsonNode data = error.get("data");
        return new Envelope.Error(id, code.intValue(), message.stringValue(), orNull(data));
    }

    /**
     * The {@code id} of an envelope, read without building it: for answering an envelope too large
     * to read in full. Only the top level is looked at, nested values are skipped as tokens.
     *
     * @return the id (a string or an integer), or {@code null} when there is none or the text is not a JSON object
     */
    public JsonNode peekId(byte[] utf8) {
        try (JsonParser parser = mapper.createParser(utf8)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                boolean isId = "id".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (isId) {
                    if (value == JsonToken.VALUE_STRING) {
                        return StringNode.valueOf(parser.getString());
                    }
                    return value == JsonToken.VALUE_NUMBER_INT ? mapper.getNodeFactory().numberNode(parser.getBigIntegerValue()) : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Writes an envelope as compact JSON with members in the order the other implementations use. */
    public String encode(Envelope envelope) {
        return mapper.writeValueAsString(toTree(envelope));
    }

    /** Writes an envelope as compact UTF-8 encoded JSON; see {@link #encode(Envelope)}. */
    public byte[] encodeToBytes(Envelope envelope) {
        return mapper.writeValueAsBytes(toTree(envelope));
    }

    /** The JSON object of an envelope, members in wire order. */
    public ObjectNode toTree(Envelope envelope) {
        ObjectNode node = mapper.createObjectNode();
        node.put("jsonrpc", VERSION);
        if (envelope instanceof Envelope.Request request) {
            node.put("method", Names.qualified(request.service(), request.method()));
            node.set("params", request.params());
            node.set("id", request.id());
        } else if (envelope instanceof Envelope.Notification notification) {
            node.put("method", Names.qualified(notification.service(), notification.method()));
            node.set("params", notification.params());
        } else if (envelope instanceof Envelope.Success success) {
            node.set("id", success.id());
            node.set("result", orNull(success.result()));
        } else if (envelope instanceof Envelope.Error error) {
            node.set("id", orNull(error.id()));
            ObjectNode body = node.putObject("error");
            body.put("code", error.code());
            body.put("message", error.message());
            body.set("data", orNull(error.data()));
        }
        return node;
    }

    private static JsonNode orNull(JsonNode value) {
        return value == null ? NullNode.getInstance() : value;
    }

    private static ClamatorProtocolException notJson(JacksonException error) {
        return new ClamatorProtocolException(ErrorCodes.PARSE_ERROR + " Parse error: " + error.getOriginalMessage(), error);
    }

    private static ClamatorProtocolException invalid(String detail) {
        return new ClamatorProtocolException(ErrorCodes.INVALID_REQUEST + " " + ErrorCodes.INVALID_REQUEST_MESSAGE + ": " + detail);
    }
}
