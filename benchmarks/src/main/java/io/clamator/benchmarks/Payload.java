package io.clamator.benchmarks;

import io.clamator.client.RpcClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * The two payloads every system is measured with: {@code arith.add} ({@code {"a":2.0,"b":3.0}} in,
 * {@code {"sum":5.0}} out) and {@code arith.echoText} with a 4 KiB ASCII text in and the same text out.
 */
public enum Payload {

    SMALL("small", "add"),
    KIB4("4k", "echoText");

    static final AddParams ADD_PARAMS = new AddParams(2.0, 3.0);
    static final EchoText TEXT_4K = new EchoText(text4k());

    final String label;
    final String method;

    Payload(String label, String method) {
        this.label = label;
        this.method = method;
    }

    /** One call with this payload through a clamator client, as an application would make it. */
    CompletionStage<?> callThrough(RpcClient client, Duration timeout) {
        return switch (this) {
            case SMALL -> client.callAsync("arith", "add", ADD_PARAMS, AddResult.class, timeout);
            case KIB4 -> client.callAsync("arith", "echoText", TEXT_4K, EchoText.class, timeout);
        };
    }

    static Payload byLabel(String label) {
        return Arrays.stream(values()).filter(p -> p.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown payload " + label + " (small, 4k)"));
    }

    private static String text4k() {
        StringBuilder text = new StringBuilder(4096);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
        for (int i = 0; i < 4096; i++) {
            text.append(alphabet.charAt((i * 31 + 7) % alphabet.length()));
        }
        return text.toString();
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
