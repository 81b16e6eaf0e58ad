package io.clamator.benchmarks;

import io.clamator.client.RpcClient;
import io.clamator.json.ClamatorJson;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * The payloads systems are measured with: {@code small} is {@code arith.add} ({@code {"a":2.0,"b":3.0}}
 * in, {@code {"sum":5.0}} out); the others are {@code arith.echoText} with an ASCII text of their size
 * in and the same text out. The default run uses {@code small} and {@code 4k}, the payload sweep
 * {@code 64b}, {@code 4k}, {@code 64k} and {@code 1m}.
 */
public enum Payload {

    SMALL("small", "add", new AddParams(2.0, 3.0), new AddResult(5.0)),
    B64("64b", text(64)),
    KIB4("4k", text(4096)),
    KIB64("64k", text(64 * 1024)),
    MIB1("1m", text(1024 * 1024));

    final String label;
    final String method;
    /** The params of a call. */
    final Object params;
    /** The result a right answer equals. */
    final Object answer;
    /** The text echoed, {@code null} for {@code small}. */
    final EchoText echo;
    /** UTF-8 bytes of the params' JSON and the result's JSON together: what one call carries, both ways. */
    final long jsonBytesPerCall;

    /** An {@code echoText} payload: the text is the params and the answer. */
    Payload(String label, EchoText text) {
        this(label, "echoText", text, text);
    }

    Payload(String label, String method, Object params, Object answer) {
        this.label = label;
        this.method = method;
        this.params = params;
        this.answer = answer;
        this.echo = params instanceof EchoText text ? text : null;
        ClamatorJson json = ClamatorJson.defaults();
        this.jsonBytesPerCall = json.writeBytes(json.toTree(params)).length + json.writeBytes(json.toTree(answer)).length;
    }

    /** Whether a system answered a call with this payload rightly. */
    boolean isAnswer(Object result) {
        return answer.equals(result);
    }

    /** One call with this payload through a clamator client, as an application would make it. */
    CompletionStage<?> callThrough(RpcClient client, Duration timeout) {
        return client.callAsync("arith", method, params, answer.getClass(), timeout);
    }

    static Payload byLabel(String label) {
        return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown payload " + label + " ("
                        + String.join(", ", Arrays.stream(values()).map(p -> p.label).toList()) + ")"));
    }

    /** The same text for every system: the Python peer builds it alike. */
    private static EchoText text(int length) {
        StringBuilder text = new StringBuilder(length);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt((i * 31 + 7) % alphabet.length()));
        }
        return new EchoText(text.toString());
    }

    /** {@code arith.add} params. */
    public record AddParams(double a, double b) {
    }

    /** {@code arith.add} result. */
    public record AddResult(double sum) {
    }

    /** {@code arith.echoText} params and result. */
    public record EchoText(String text) {
    }
}
