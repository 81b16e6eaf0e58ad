package io.clamator.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.json.ClamatorJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

class EnvelopeCodecTest {

    private final ClamatorJson json = ClamatorJson.defaults();
    private final EnvelopeCodec codec = new EnvelopeCodec(json.mapper());

    @Test
    void writesRequestMembersInWireOrder() {
        String text = codec.encode(new Envelope.Request(StringNode.valueOf("id-1"), "arith", "add", json.readTree("{\"a\":2,\"b\":3}")));
        assertThat(text).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":2,\"b\":3},\"id\":\"id-1\"}");
    }

    @Test
    void writesNotificationWithoutAnyIdMember() {
        String text = codec.encode(new Envelope.Notification("notifications", "ping", json.readTree("{\"tag\":\"x\"}")));
        assertThat(text).isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"notifications.ping\",\"params\":{\"tag\":\"x\"}}");
    }

    @Test
    void writesSuccessMembersInWireOrder() {
        String text = codec.encode(new Envelope.Success(IntNode.valueOf(7), json.readTree("{\"sum\":5}")));
        assertThat(text).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"sum\":5}}");
    }

    @Test
    void writesNullResultExplicitly() {
        String text = codec.encode(new Envelope.Success(StringNode.valueOf("a"), NullNode.getInstance()));
        assertThat(text).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":null}");
    }

    @Test
    void writesErrorWithDataAlwaysPresent() {
        String text = codec.encode(new Envelope.Error(StringNode.valueOf("a"), -32000, "division by zero", null));
        assertThat(text).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":-32000,\"message\":\"division by zero\",\"data\":null}}");
    }

    @Test
    void writesErrorWithNullIdWhenThereIsNone() {
        String text = codec.encode(new Envelope.Error(null, -32603, "Internal error", NullNode.getInstance()));
        assertThat(text).startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":");
    }

    @Test
    void writesNonAsciiAsRawUtf8AndReadsEscapedForms() {
        String text = codec.encode(new Envelope.Notification("s", "m", json.readTree("{\"t\":\"\u00e9\u05d0\ud83d\ude00\"}")));
        assertThat(text).contains("\u00e9\u05d0\ud83d\ude00");
        Envelope parsed = codec.parse("{\"jsonrpc\": \"2.0\", \"method\": \"s.m\", \"params\": {\"t\": \"\\u00e9\\u05d0\\ud83d\\ude00\"}}");
        assertThat(((Envelope.Call) parsed).params().get("t").stringValue()).isEqualTo("\u00e9\u05d0\ud83d\ude00");
    }

    @Test
    void roundTripsEveryKind() {
        JsonNode params = json.readTree("{\"a\":1.5}");
        Envelope[] envelopes = {
            new Envelope.Request(StringNode.valueOf("r"), "svc-1", "doIt", params),
            new Envelope.Notification("svc-1", "doIt", params),
            new Envelope.Success(StringNode.valueOf("r"), params),
            new Envelope.Error(StringNode.valueOf("r"), -32001, "nope", params),
        };
        for (Envelope envelope : envelopes) {
            assertThat(codec.parse(codec.encode(envelope))).isEqualTo(envelope);
        }
    }

    @Test
    void explicitNullParamsAreReadAsAnEmptyObject() {
        Envelope.Call call = (Envelope.Call) codec.parse("{\"jsonrpc\":\"2.0\",\"method\":\"a.b\",\"params\":null,\"id\":\"x\"}");
        assertThat(call.params().isObject()).isTrue();
        assertThat(call.params().size()).isZero();
    }

    @Test
    void textThatIsNotJsonIsAParseError() {
        assertThatThrownBy(() -> codec.parse("{not json"))
                .isInstanceOf(ClamatorProtocolException.class)
                .hasMessageStartingWith("-32700 Parse error");
        assertThatThrownBy(() -> codec.parse("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":NaN}"))
                .isInstanceOf(ClamatorProtocolException.class);
        assertThatThrownBy(() -> codec.parse("{} {}"))
                .isInstanceOf(ClamatorProtocolException.class);
    }

    @Test
    void errorCodeMustFitAnInteger() {
        assertThatThrownBy(() -> codec.parse("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":-32000.0,\"message\":\"x\"}}"))
                .hasMessage("-32600 Invalid Request: error must have numeric code + string message");
        assertThatThrownBy(() -> codec.parse("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":99999999999,\"message\":\"x\"}}"))
                .hasMessage("-32600 Invalid Request: error must have numeric code + string message");
    }

    @Test
    void checksNamesOfOutgoingCallsWithTheParsingMessages() {
        EnvelopeCodec.requireValidNames("excavator-engine", "launchNow");
        assertThatThrownBy(() -> EnvelopeCodec.requireValidNames("Arith", "add"))
                .hasMessage("-32600 Invalid Request: invalid service segment");
        assertThatThrownBy(() -> EnvelopeCodec.requireValidNames("arith", "slow-add"))
                .hasMessage("-32600 Invalid Request: invalid method segment");
        assertThatThrownBy(() -> EnvelopeCodec.requireValidNames("arith", ""))
                .hasMessage("-32600 Invalid Request: method must be \"<service>.<method>\"");
    }

    @Test
    void idKeyIsTheStringFormUsedForMatching() {
        assertThat(Envelope.idKey(StringNode.valueOf("abc"))).isEqualTo("abc");
        assertThat(Envelope.idKey(IntNode.valueOf(7))).isEqualTo("7");
        assertThat(Envelope.idKey(NullNode.getInstance())).isNull();
        assertThat(Envelope.idKey(null)).isNull();
    }
}
