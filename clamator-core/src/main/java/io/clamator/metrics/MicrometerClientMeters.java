package io.clamator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/** The meters of one key prefix's clients; a timeout counter per service called. */
final class MicrometerClientMeters implements ClientMeters {

    private final WeakReference<MeterRegistry> registry;
    private final String keyPrefix;
    private final Map<String, Counter> timeouts = new ConcurrentHashMap<>();
    private final GaugeSources<IntSupplier> calls = new GaugeSources<>();

    MicrometerClientMeters(WeakReference<MeterRegistry> registry, String keyPrefix) {
        this.registry = registry;
        this.keyPrefix = keyPrefix;
        MicrometerServiceMeters.gauge(registry.get(), ClamatorMeters.CLIENT_CALLS_ACTIVE, "calls waiting for their replies", null,
                Tags.of(ClamatorMeters.KEY_PREFIX, keyPrefix), () -> calls.sum(IntSupplier::getAsInt));
    }

    @Override
    public void timedOut(String service) {
        MeterRegistry live = registry.get();
        if (live == null) {
            return;
        }
        timeouts.computeIfAbsent(service, name -> MicrometerServiceMeters.counter(live, ClamatorMeters.CLIENT_TIMEOUTS,
                "calls that got no reply within their timeout", Tags.of(ClamatorMeters.SERVICE, name, ClamatorMeters.KEY_PREFIX,
                        keyPrefix))).increment();
    }

    @Override
    public Watch watchCalls(IntSupplier callsInFlight) {
        return calls.add(callsInFlight);
    }
}
