package io.clamator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters in a Micrometer registry, created once per service or key prefix and kept while the
 * registry lives. The instance holds its registry, and the registry's gauges hold the instance
 * (through the meters they read), so it lives exactly as long as either is in use.
 */
final class MicrometerMetrics implements ClamatorMetrics {

    /**
     * One per registry: Micrometer keeps the first gauge of a name and tags, so a second instance's
     * gauges would read nothing. Weak both ways, so that the map keeps neither alive.
     */
    private static final Map<MeterRegistry, WeakReference<MicrometerMetrics>> BY_REGISTRY = new WeakHashMap<>();

    final MeterRegistry registry;
    private final Map<List<String>, ServiceMeters> services = new ConcurrentHashMap<>();
    private final Map<String, ClientMeters> clients = new ConcurrentHashMap<>();

    private MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    static MicrometerMetrics of(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        synchronized (BY_REGISTRY) {
            WeakReference<MicrometerMetrics> known = BY_REGISTRY.get(registry);
            MicrometerMetrics metrics = known == null ? null : known.get();
            if (metrics == null) {
                metrics = new MicrometerMetrics(registry);
                BY_REGISTRY.put(registry, new WeakReference<>(metrics));
            }
            return metrics;
        }
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public ServiceMeters service(String keyPrefix, String service) {
        return services.computeIfAbsent(List.of(keyPrefix, service), key -> new MicrometerServiceMeters(this, keyPrefix, service));
    }

    @Override
    public ClientMeters client(String keyPrefix) {
        return clients.computeIfAbsent(keyPrefix, key -> new MicrometerClientMeters(this, keyPrefix));
    }
}
