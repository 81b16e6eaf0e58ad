package io.clamator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/** One service's meters, registered up front so that dashboards see zeros rather than gaps. */
final class MicrometerServiceMeters implements ServiceMeters {

    private record Load(IntSupplier handlersActive, IntSupplier entriesQueued) {
    }

    /** Reached from the registry through the gauges, which keeps the one instance of the registry alive with it. */
    private final MicrometerMetrics owner;
    private final Counter reclaimed;
    private final Counter poison;
    private final Counter deadLetters;
    private final Counter handlerTimeouts;
    private final Counter replyFailures;
    private final GaugeSources<Load> loads = new GaugeSources<>();
    private final GaugeSources<Supplier<StreamFigures>> streams = new GaugeSources<>();

    MicrometerServiceMeters(MicrometerMetrics owner, String keyPrefix, String service) {
        this.owner = owner;
        MeterRegistry registry = owner.registry;
        Tags tags = Tags.of(ClamatorMeters.SERVICE, service, ClamatorMeters.KEY_PREFIX, keyPrefix);
        this.reclaimed = counter(registry, ClamatorMeters.ENTRIES_RECLAIMED, "entries taken over from servers that left them", tags);
        this.poison = counter(registry, ClamatorMeters.ENTRIES_POISON, "entries that were no readable call, dropped", tags);
        this.deadLetters = counter(registry, ClamatorMeters.DEAD_LETTERS, "entries moved to the dead letters", tags);
        this.handlerTimeouts = counter(registry, ClamatorMeters.HANDLER_TIMEOUTS, "calls answered at their handler time limit", tags);
        this.replyFailures = counter(registry, ClamatorMeters.REPLY_FAILURES, "replies that could not be written", tags);
        gauge(registry, ClamatorMeters.HANDLERS_ACTIVE, "handlers running", null, tags,
                () -> loads.sum(load -> load.handlersActive().getAsInt()));
        gauge(registry, ClamatorMeters.ENTRIES_QUEUED, "entries read and waiting for a handler slot", null, tags,
                () -> loads.sum(load -> load.entriesQueued().getAsInt()));
        streamGauge(registry, ClamatorMeters.STREAM_LENGTH, "entries in the command stream", null, tags, StreamFigures::length);
        streamGauge(registry, ClamatorMeters.STREAM_LAG, "entries not yet delivered to the consumer group", null, tags,
                StreamFigures::lag);
        streamGauge(registry, ClamatorMeters.STREAM_PENDING, "entries delivered and not yet acknowledged", null, tags,
                StreamFigures::pending);
        streamGauge(registry, ClamatorMeters.STREAM_OLDEST_PENDING_AGE, "how long ago the oldest pending entry was sent", "seconds",
                tags, figures -> figures.oldestPendingAgeMillis() / 1000.0);
    }

    @Override
    public void reclaimed(int entries) {
        reclaimed.increment(entries);
    }

    @Override
    public void poison() {
        poison.increment();
    }

    @Override
    public void deadLettered() {
        deadLetters.increment();
    }

    @Override
    public void handlerTimedOut() {
        handlerTimeouts.increment();
    }

    @Override
    public void replyWriteFailed() {
        replyFailures.increment();
    }

    @Override
    public Watch watchLoad(IntSupplier handlersActive, IntSupplier entriesQueued) {
        return loads.add(new Load(handlersActive, entriesQueued));
    }

    @Override
    public Watch watchStream(Supplier<StreamFigures> latest) {
        return streams.add(latest);
    }

    private void streamGauge(MeterRegistry registry, String name, String description, String unit, Tags tags,
                             ToDoubleFunction<StreamFigures> value) {
        gauge(registry, name, description, unit, tags, () -> streams.first(source -> {
            StreamFigures figures = source.get();
            return figures == null ? Double.NaN : value.applyAsDouble(figures);
        }));
    }

    static Counter counter(MeterRegistry registry, String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    static void gauge(MeterRegistry registry, String name, String description, String unit, Tags tags,
                      Supplier<Number> value) {
        Gauge.builder(name, value).description(description).baseUnit(unit).tags(tags).strongReference(true).register(registry);
    }
}
