package io.clamator.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of a client's calls; implement it (or extend
 * {@link DefaultClamatorClientObservationConvention}) to change them.
 */
public interface ClamatorClientObservationConvention extends ObservationConvention<ClamatorClientContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ClamatorClientContext;
    }
}
