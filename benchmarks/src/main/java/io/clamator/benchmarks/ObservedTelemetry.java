package io.clamator.benchmarks;

import io.clamator.metrics.ClamatorMetrics;
import io.clamator.observation.ClamatorObservations;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;

/**
 * What a Spring Boot application with Actuator and the OpenTelemetry bridge records for every
 * call: a timer per observation and clamator's meters (in a simple meter registry) and a span,
 * every call sampled, spans batched to an exporter that drops them. {@code -Dbench.observed=timers}
 * (timers and meters) or {@code spans} keeps only one of the two, to tell what each costs;
 * {@code timers-without-long-task-timers} and {@code both-without-long-task-timers} leave out the
 * long-task timers ({@code management.observations.long-task-timer.enabled=false} in Spring Boot);
 * {@code boot-defaults} samples 10 % of the traces, as Spring Boot does by default.
 */
record ObservedTelemetry(ClamatorObservations observations, ClamatorMetrics metrics) {

    /** As {@code -Dbench.observed} says (default {@code both}). */
    static ObservedTelemetry create() {
        return create(System.getProperty("bench.observed", "both"));
    }

    static ObservedTelemetry create(String observed) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setSampler(observed.equals("boot-defaults") ? Sampler.parentBased(Sampler.traceIdRatioBased(0.1)) : Sampler.alwaysOn())
                .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite()).build())
                .build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        io.opentelemetry.api.trace.Tracer otelTracer = sdk.getTracer("clamator-benchmark");
        OtelCurrentTraceContext current = new OtelCurrentTraceContext();
        OtelTracer tracer = new OtelTracer(otelTracer, current, event -> { }, new OtelBaggageManager(current, List.of(), List.of()));
        OtelPropagator propagator = new OtelPropagator(sdk.getPropagators(), otelTracer);
        ObservationRegistry registry = ObservationRegistry.create();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        if (!observed.equals("spans")) {
            registry.observationConfig().observationHandler(observed.endsWith("-without-long-task-timers")
                    ? new DefaultMeterObservationHandler(meters, DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER)
                    : new DefaultMeterObservationHandler(meters));
        }
        if (!observed.startsWith("timers")) {
            registry.observationConfig().observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                    new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                    new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                    new DefaultTracingObservationHandler(tracer)));
        }
        return new ObservedTelemetry(ClamatorObservations.of(registry), observed.equals("spans") ? ClamatorMetrics.none() : ClamatorMetrics.of(meters));
    }
}
