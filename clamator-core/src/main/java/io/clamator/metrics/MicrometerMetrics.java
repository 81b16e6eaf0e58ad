package io.clamator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** Meters in a Micrometer registry, created once per service or key prefix and kept while the registry lives. */
final class MicrometerMetrics implements ClamatorMetrics {

    private final MeterRegistry registry;
    private final Map<List<String>, ServiceMeters> services = new ConcurrentHashMap<>();
    private final Map<String, ClientMeters> clients = new ConcurrentHashMap<>();

    MicrometerMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public ServiceMeters service(String keyPrefix, String service) {
        return services.computeIfAbsent(List.of(keyPrefix, service), key -> new MicrometerServiceMeters(registry, keyPrefix, service));
    }

    @Override
    public ClientMeters client(String keyPrefix) {
        return clients.computeIfAbsent(keyPrefix, key -> new MicrometerClientMeters(registry, keyPrefix));
    }
}
