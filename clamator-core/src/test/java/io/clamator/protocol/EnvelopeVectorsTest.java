package io.clamator.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.json.ClamatorJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs every case of the shared envelope test vectors (copied from the protocol spec). */
class EnvelopeVectorsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final EnvelopeCodec codec = new EnvelopeCodec(ClamatorJson.defaults().mapper());

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode testCase : loadCases()) {
            cases.add(Arguments.of(testCase.get("name").stringValue(), testCase.get("input").stringValue(), testCase.get("expect")));
        }
        return cases.stream();
    }

    @Test
    void theVectorFileHasAllItsCases() throws IOException {
        assertThat(loadCases().size()).isEqualTo(31);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesAsTheVectorSays(String name, String input, JsonNode expect) {
        if (expect.has("invalid")) {
            assertThatThrownBy(() -> codec.parse(input))
                    .isInstanceOf(ClamatorProtocolException.class)
                    .hasMessage(expect.get("invalid").stringValue());
            return;
        }
        Envelope envelope = codec.parse(input);
        String kind = expect.get("kind").stringValue();
        switch (kind) {
            case "request" -> {
                assertThat(envelope).isInstanceOf(Envelope.Request.class);
                checkCall((Envelope.Call) envelope, expect);
            }
            case "notification" -> {
                assertThat(envelope).isInstanceOf(Envelope.Notification.class);
                checkCall((Envelope.Call) envelope, expect);
            }
            case "success" -> {
                Envelope.Success success = (Envelope.Success) envelope;
                checkId(success.id(), expect);
                assertThat(success.result()).isEqualTo(expect.get("result"));
            }
            case "error" -> {
                Envelope.Error error = (Envelope.Error) envelope;
                checkId(error.id(), expect);
                assertThat(error.code()).isEqualTo(expect.get("code").intValue());
                if (expect.has("message")) {
                    assertThat(error.message()).isEqualTo(expect.get("message").stringValue());
                }
                if (expect.has("data")) {
                    assertThat(error.data()).isEqualTo(expect.get("data"));
                }
            }
            default -> throw new AssertionError("unknown kind in vector: " + kind);
        }
    }

    private static void checkCall(Envelope.Call call, JsonNode expect) {
        assertThat(call.service()).isEqualTo(expect.get("service").stringValue());
        assertThat(call.method()).isEqualTo(expect.get("method").stringValue());
        checkId(call.id(), expect);
        if (expect.has("params")) {
            assertThat(call.params()).isEqualTo(expect.get("params"));
        }
    }

    private static void checkId(JsonNode actual, JsonNode expect) {
        if (!expect.has("id")) {
            return;
        }
        JsonNode expected = expect.get("id");
        if (expected.isNull()) {
            assertThat(actual == null || actual.isNull()).as("id is null").isTrue();
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }

    private static JsonNode loadCases() throws IOException {
        try (InputStream in = EnvelopeVectorsTest.class.getResourceAsStream("/vectors/envelope-cases.json")) {
            return MAPPER.readTree(in).get("cases");
        }
    }
}
