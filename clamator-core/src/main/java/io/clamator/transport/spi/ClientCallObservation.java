package io.clamator.transport.spi;

import io.clamator.internal.AsyncResults;
import io.clamator.observation.CallDetails;
import io.clamator.observation.CallOutcome;
import io.clamator.observation.ClamatorClientContext;
import io.clamator.observation.ClamatorObservationDocumentation;
import io.clamator.observation.ClamatorObservations;
import io.clamator.observation.DefaultClamatorClientObservationConvention;
import io.clamator.protocol.RpcException;
import io.micrometer.observation.Observation;
import java.util.Map;

/**
 * The observation of one call or notification a client sends; {@link #OFF} (doing nothing) when
 * nothing is observed.
 */
class ClientCallObservation {

    static final ClientCallObservation OFF = new ClientCallObservation();
    private static final DefaultClamatorClientObservationConvention DEFAULT = new DefaultClamatorClientObservationConvention();

    private ClientCallObservation() {
    }

    /** Starts observing a call ({@code requestId} set) or notification ({@code null}). */
    static ClientCallObservation start(ClamatorObservations observations, String service, String method, String requestId,
            String keyPrefix) {
        if (!observations.enabled()) {
            return OFF;
        }
        ClamatorClientContext context = new ClamatorClientContext(new CallDetails(service, method, requestId, keyPrefix));
        Observation observation = ClamatorObservationDocumentation.CLIENT_CALL
                .observation(observations.clientConvention(), DEFAULT, () -> context, observations.registry())
                .start();
        return new Started(observation, context);
    }

    /** Makes the observation current while the call is sent, for propagators to add their fields. */
    Observation.Scope openScope() {
        return Observation.Scope.NOOP;
    }

    /** Ends the observation: successfully when {@code failure} is {@code null}. */
    void end(Throwable failure) {
    }

    /** The fields the observation's propagators want sent with the call (a trace context); none when off. */
    Map<String, String> fields() {
        return Map.of();
    }

    private static final class Started extends ClientCallObservation {

        private final Observation observation;
        private final ClamatorClientContext context;

        Started(Observation observation, ClamatorClientContext context) {
            this.observation = observation;
            this.context = context;
        }

        @Override
        Observation.Scope openScope() {
            return observation.openScope();
        }

        @Override
        Map<String, String> fields() {
            return context.getCarrier();
        }

        @Override
        void end(Throwable failure) {
            if (failure == null) {
                context.call().ended(CallOutcome.SUCCESS, null);
            } else {
                Throwable error = AsyncResults.unwrap(failure);
                context.call().ended(CallOutcomes.of(error), error instanceof RpcException rpc ? rpc.code() : null);
                observation.error(error);
            }
            observation.stop();
        }
    }
}
