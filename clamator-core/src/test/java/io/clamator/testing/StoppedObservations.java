package io.clamator.testing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An observation handler that keeps the context of every observation that stopped, in order. */
public final class StoppedObservations implements ObservationHandler<Observation.Context> {

    private final List<Observation.Context> contexts = new CopyOnWriteArrayList<>();

    /** A registry whose observations this handler records. */
    public static StoppedObservations on(ObservationRegistry registry) {
        StoppedObservations stopped = new StoppedObservations();
        registry.observationConfig().observationHandler(stopped);
        return stopped;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return true;
    }

    @Override
    public void onStop(Observation.Context context) {
        contexts.add(context);
    }

    /** The contexts of the observations that stopped so far. */
    public List<Observation.Context> contexts() {
        return List.copyOf(contexts);
    }

    /** The first stopped context of this type, or {@code null}. */
    public <C extends Observation.Context> C first(Class<C> type) {
        return contexts.stream().filter(type::isInstance).map(type::cast).findFirst().orElse(null);
    }
}
