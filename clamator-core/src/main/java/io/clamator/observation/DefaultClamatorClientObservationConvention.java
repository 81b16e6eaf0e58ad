package io.clamator.observation;

import io.micrometer.common.KeyValues;

/** The default names and tags of client calls: see {@link ClamatorObservationDocumentation#CLIENT_CALL}. */
public class DefaultClamatorClientObservationConvention implements ClamatorClientObservationConvention {

    /** The observation's (and timer's) name. */
    public static final String NAME = "rpc.client.call";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(ClamatorClientContext context) {
        return CallKeyValues.contextualName(context.call());
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ClamatorClientContext context) {
        return CallKeyValues.lowCardinality(context.call(), context.getError());
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ClamatorClientContext context) {
        return CallKeyValues.highCardinality(context.call());
    }
}
