package io.clamator.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Where clients and servers report what an operator counts and watches: handlers running and
 * entries queued, the figures of each command stream, and counters for reclaimed, poison and
 * dead-lettered entries, handler timeouts, failed reply writes and client timeouts. Every meter
 * is tagged by service and key prefix only. {@link #none()} (the default) records nothing and
 * needs no Micrometer; {@link #of(MeterRegistry)} records to a registry (it needs
 * {@code micrometer-core}). The meters and tags are listed in {@link ClamatorMeters}.
 */
public interface ClamatorMetrics {

    /** Nothing recorded. */
    static ClamatorMetrics none() {
        return NoMetrics.INSTANCE;
    }

    /** Meters in {@code registry}; the same instance for the same registry, whose gauges every server and client share. */
    static ClamatorMetrics of(MeterRegistry registry) {
        return MicrometerMetrics.of(registry);
    }

    /** Whether anything is recorded; transports skip the work of measuring when not. */
    boolean enabled();

    /** The meters of one service served under a key prefix; the same instance for the same pair. */
    ServiceMeters service(String keyPrefix, String service);

    /** The meters of the clients of a key prefix; the same instance for the same prefix. */
    ClientMeters client(String keyPrefix);
}
