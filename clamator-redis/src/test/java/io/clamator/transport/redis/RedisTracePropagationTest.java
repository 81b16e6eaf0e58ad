package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.client.ClientOptions;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.server.ServerOptions;
import io.lettuce.core.StreamMessage;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Trace context travels in the request entry, so a server continues its caller's trace. */
class RedisTracePropagationTest extends RedisTestSupport {

    private final TestTracing callerTracing = new TestTracing();
    private final TestTracing serverTracing = new TestTracing();
    private final AtomicReference<String> traceIdInHandler = new AtomicReference<>();

    private RedisRpcServer startServer() {
        RedisRpcServer server = closeLater(serverBuilder().keepHandledEntries(true)
                .options(ServerOptions.builder().observations(serverTracing.observations()).build()).build());
        server.register(Arith.class, new ArithService() {
            @Override
            public AddResult add(AddParams params) {
                traceIdInHandler.set(serverTracing.tracer.currentSpan().context().traceId());
                return super.add(params);
            }
        });
        server.start();
        return server;
    }

    @Test
    void theServersSpanIsAChildOfTheCallersInTheSameTrace() {
        startServer();
        RedisRpcClient client = closeLater(clientBuilder().options(ClientOptions.defaults().withObservations(callerTracing.observations())).build());
        client.start();

        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(2, 3)).sum()).isEqualTo(5);

        SpanData sent = onlySpan(callerTracing);
        SpanData handled = onlySpan(serverTracing);
        assertThat(sent.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(sent.getName()).isEqualTo("arith/add");
        assertThat(handled.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(handled.getTraceId()).isEqualTo(sent.getTraceId());
        assertThat(handled.getParentSpanId()).isEqualTo(sent.getSpanId());
        assertThat(traceIdInHandler.get()).as("the handler runs in the server's span").isEqualTo(sent.getTraceId());
    }

    @Test
    void theTraceContextFollowsTheFieldsUpstreamDefines() {
        startServer();
        RedisRpcClient client = closeLater(clientBuilder().options(ClientOptions.defaults().withObservations(callerTracing.observations())).build());
        client.start();
        client.proxy(Arith.class).add(new Arith.AddParams(2, 3));

        List<StreamMessage<String, String>> entries = redis.xrange("%s:cmds:arith".formatted(prefix), io.lettuce.core.Range.create("-", "+"));
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).getBody().keySet()).containsExactly("type", "envelope", "reply-to", "timeout-ms", "traceparent");
        assertThat(entries.get(0).getBody().get("traceparent")).matches("00-" + onlySpan(callerTracing).getTraceId() + "-[0-9a-f]{16}-[0-9a-f]{2}");
    }

    @Test
    void aCallWithoutTraceFieldsStartsANewTrace() {
        startServer();
        // as a Python or TypeScript client writes it: no trace fields
        RedisRpcClient untraced = closeLater(clientBuilder().build());
        untraced.start();
        untraced.proxy(Arith.class).add(new Arith.AddParams(2, 3));

        SpanData handled = onlySpan(serverTracing);
        assertThat(handled.getParentSpanContext().isValid()).isFalse();
        assertThat(traceIdInHandler.get()).isEqualTo(handled.getTraceId());
    }

    private static SpanData onlySpan(TestTracing tracing) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !tracing.spans.getFinishedSpanItems().isEmpty());
        assertThat(tracing.spans.getFinishedSpanItems()).hasSize(1);
        return tracing.spans.getFinishedSpanItems().get(0);
    }
}
