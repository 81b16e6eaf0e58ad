package io.clamator.sample.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.boot.ClamatorService;
import io.clamator.client.RpcClient;
import io.clamator.test.redis.TestRedis;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Two Spring Boot applications with OpenTelemetry tracing, one calling the other over Redis:
 * one trace, the server's span a child of the caller's, and the handler's log line carries the
 * trace id.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingAcrossApplicationsTests {

    private static final Logger log = LoggerFactory.getLogger(TracingAcrossApplicationsTests.class);

    private final String keyPrefix = "traced-" + UUID.randomUUID();

    @Test
    void aCallBetweenTwoApplicationsIsOneTrace(CapturedOutput output) {
        try (ConfigurableApplicationContext server = start(ServingApplication.class, "clamator-traced-server");
             ConfigurableApplicationContext caller = start(CallingApplication.class, "clamator-traced-caller",
                     "clamator.server.enabled=false")) {
            TracedEcho echo = caller.getBean(RpcClient.class).proxy(TracedEcho.class);
            assertThat(echo.echo(new TracedEcho.Text("hello")).text()).isEqualTo("hello");

            SpanData sent = onlySpan(caller.getBean(InMemorySpanExporter.class), SpanKind.CLIENT);
            SpanData handled = onlySpan(server.getBean(InMemorySpanExporter.class), SpanKind.SERVER);
            assertThat(handled.getTraceId()).isEqualTo(sent.getTraceId());
            assertThat(handled.getParentSpanId()).isEqualTo(sent.getSpanId());
            assertThat(output.getOut().lines().filter(line -> line.contains("echoing hello")))
                    .singleElement().asString().contains(sent.getTraceId());
        }
    }

    private ConfigurableApplicationContext start(Class<?> application, String name, String... properties) {
        return new SpringApplicationBuilder(application)
                .properties("spring.application.name=" + name,
                        "spring.main.web-application-type=none",
                        "clamator.transport=redis",
                        "clamator.redis.url=" + TestRedis.shared().url(),
                        "clamator.key-prefix=" + keyPrefix,
                        "management.tracing.sampling.probability=1.0",
                        "management.opentelemetry.tracing.export.otlp.enabled=false",
                        "management.otlp.metrics.export.enabled=false")
                .properties(properties)
                .run();
    }

    /** The span of the call (Boot also traces each Redis command, clamator's own included: those are left out). */
    private static SpanData onlySpan(InMemorySpanExporter exporter, SpanKind kind) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !calls(exporter, kind).isEmpty());
        List<SpanData> spans = calls(exporter, kind);
        assertThat(spans).hasSize(1);
        return spans.get(0);
    }

    private static List<SpanData> calls(InMemorySpanExporter exporter, SpanKind kind) {
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == kind && span.getName().equals("traced-echo/echo")).toList();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ServingApplication {

        @Bean
        InMemorySpanExporter spanExporter() {
            return InMemorySpanExporter.create();
        }

        @Bean
        @ClamatorService
        TracedEcho tracedEcho() {
            return params -> {
                log.info("echoing {}", params.text());
                return params;
            };
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CallingApplication {

        @Bean
        InMemorySpanExporter spanExporter() {
            return InMemorySpanExporter.create();
        }
    }
}
