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

    /** Reached from the registry through the gauge, which keeps the one instance of the registry alive with it. */
    private final MicrometerMetrics owner;
    private final String keyPrefix;
    private final Map<String, Counter> timeouts = new ConcurrentHashMap<>();
    private final GaugeSources<IntSupplier> calls = new GaugeSources<>();

    MicrometerClientMeters(MicrometerMetrics owner, String keyPrefix) {
        this.owner = owner;
        this.keyPrefix = keyPrefix;
        MicrometerServiceMeters.gauge(owner.registry, ClamatorMeters.CLIENT_CALLS_ACTIVE, "calls waiting for their replies", null,
                Tags.of(ClamatorMeters.KEY_PREFIX, keyPrefix), () -> calls.sum(IntSupplier::getAsInt));
    }

    @Override
    public void timedOut(String service) {
        timeouts.computeIfAbsent(service, name -> MicrometerServiceMeters.counter(owner.registry, ClamatorMeters.CLIENT_TIMEOUTS,
                "calls that got no reply within their timeout", Tags.of(ClamatorMeters.SERVICE, name, ClamatorMeters.KEY_PREFIX,
                        keyPrefix))).increment();
    }

    @Override
    public Watch watchCalls(IntSupplier callsInFlight) {
        return calls.add(callsInFlight);
    }
}
