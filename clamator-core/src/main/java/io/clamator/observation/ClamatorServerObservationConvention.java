package io.clamator.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of a server's handling of calls; implement it (or extend
 * {@link DefaultClamatorServerObservationConvention}) to change them.
 */
public interface ClamatorServerObservationConvention extends ObservationConvention<ClamatorServerContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof ClamatorServerContext;
    }
}
