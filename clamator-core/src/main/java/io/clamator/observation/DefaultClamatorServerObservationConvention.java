package io.clamator.observation;

import io.micrometer.common.KeyValues;

/** The default names and tags of calls handled by a server: see {@link ClamatorObservationDocumentation#SERVER_CALL}. */
public class DefaultClamatorServerObservationConvention implements ClamatorServerObservationConvention {

    /** The observation's (and timer's) name. */
    public static final String NAME = "rpc.server.call";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(ClamatorServerContext context) {
        return CallKeyValues.contextualName(context.call());
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ClamatorServerContext context) {
        return CallKeyValues.lowCardinality(context.call(), context.getError());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ClamatorServerContext context) {
        return CallKeyValues.highCardinality(context.call());
    }
}
