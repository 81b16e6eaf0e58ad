package io.clamator.observation;

import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * Where clients and servers record their observations: the registry, and conventions that
 * replace the default names and tags ({@code null} for the defaults). With the no-op registry
 * (the default), or a registry without handlers, nothing is recorded and nothing is spent on it.
 *
 * @param registry          the registry observations go to
 * @param clientConvention  replaces {@link DefaultClamatorClientObservationConvention}, or {@code null}
 * @param serverConvention  replaces {@link DefaultClamatorServerObservationConvention}, or {@code null}
 */
public record ClamatorObservations(ObservationRegistry registry, ClamatorClientObservationConvention clientConvention,
        ClamatorServerObservationConvention serverConvention) {

    private static final ClamatorObservations NONE = new ClamatorObservations(ObservationRegistry.NOOP, null, null);

    public ClamatorObservations {
        Objects.requireNonNull(registry, "registry");
    }

    /** Nothing observed. */
    public static ClamatorObservations none() {
        return NONE;
    }

    /** Observations to {@code registry}, with the default conventions. */
    public static ClamatorObservations of(ObservationRegistry registry) {
        return new ClamatorObservations(registry, null, null);
    }

    /** The same with another client convention. */
    public ClamatorObservations withClientConvention(ClamatorClientObservationConvention convention) {
        return new ClamatorObservations(registry, convention, serverConvention);
    }

    /** The same with another server convention. */
    public ClamatorObservations withServerConvention(ClamatorServerObservationConvention convention) {
        return new ClamatorObservations(registry, clientConvention, convention);
    }

    /** Whether anything is recorded. */
    public boolean enabled() {
        return !registry.isNoop();
    }
}
