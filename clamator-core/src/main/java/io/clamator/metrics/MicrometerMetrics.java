package io.clamator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/** Meters in a Micrometer registry, created once per service or key prefix and kept while the registry lives. */
final class MicrometerMetrics implements ClamatorMetrics {

    /** One per registry: Micrometer keeps the first gauge of a name and tags, so a second instance's gauges would read nothing. */
    private static final Map<MeterRegistry, MicrometerMetrics> BY_REGISTRY = Collections.synchronizedMap(new WeakHashMap<>());

    /** Weak, so that the map above does not keep a registry alive through its own entry. */
    private final WeakReference<MeterRegistry> registry;
    private final Map<List<String>, ServiceMeters> services = new ConcurrentHashMap<>();
    private final Map<String, ClientMeters> clients = new ConcurrentHashMap<>();

    private MicrometerMetrics(MeterRegistry registry) {
        this.registry = new WeakReference<>(registry);
    }

    static MicrometerMetrics of(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return BY_REGISTRY.computeIfAbsent(registry, MicrometerMetrics::new);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public ServiceMeters service(String keyPrefix, String service) {
        return services.computeIfAbsent(List.of(keyPrefix, service), key -> new MicrometerServiceMeters(registry(), keyPrefix, service));
    }

    @Override
    public ClientMeters client(String keyPrefix) {
        return clients.computeIfAbsent(keyPrefix, key -> new MicrometerClientMeters(this.registry, keyPrefix));
    }

    private MeterRegistry registry() {
        MeterRegistry live = registry.get();
        if (live == null) {
            throw new IllegalStateException("the meter registry of these metrics has been garbage-collected");
        }
        return live;
    }
}
