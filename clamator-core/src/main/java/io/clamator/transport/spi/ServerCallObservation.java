package io.clamator.transport.spi;

import io.clamator.internal.AsyncResults;
import io.clamator.observation.CallDetails;
import io.clamator.observation.CallOutcome;
import io.clamator.observation.ClamatorObservationDocumentation;
import io.clamator.observation.ClamatorObservations;
import io.clamator.observation.ClamatorServerContext;
import io.clamator.observation.DefaultClamatorServerObservationConvention;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.RpcException;
import io.clamator.server.ServiceDefinition;
import io.micrometer.observation.Observation;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The observation of one call or notification a server handles, from the handler's start until
 * its answer is done; {@link #OFF} (doing nothing) when nothing is observed.
 */
class ServerCallObservation {

    static final ServerCallObservation OFF = new ServerCallObservation();
    /**
     * The service and method tags of calls for services and methods not served here: callers
     * choose those names, the tags must stay few.
     */
    static final String NOT_SERVED = "_OTHER";
    private static final DefaultClamatorServerObservationConvention DEFAULT = new DefaultClamatorServerObservationConvention();

    private ServerCallObservation() {
    }

    /** @param fields the fields the call arrived with beside its envelope, read only when observing */
    static ServerCallObservation start(ClamatorObservations observations, ServiceDefinition service, Envelope.Call call,
            Supplier<Map<String, String>> fields, String keyPrefix) {
        if (!observations.enabled()) {
            return OFF;
        }
        // the served service's name, not the envelope's: an entry of the service's stream runs its method whatever it names
        String serviceName = service != null ? service.name() : NOT_SERVED;
        String method = service != null && service.method(call.method()) != null ? call.method() : NOT_SERVED;
        String requestId = call instanceof Envelope.Request request ? idText(request) : null;
        ClamatorServerContext context = new ClamatorServerContext(
                new CallDetails(serviceName, method, requestId, keyPrefix), fields.get());
        Observation observation = ClamatorObservationDocumentation.SERVER_CALL
                .observation(observations.serverConvention(), DEFAULT, () -> context, observations.registry())
                .start();
        return new Started(observation, context);
    }

    private static String idText(Envelope.Request request) {
        return request.id().isString() ? request.id().stringValue() : request.id().toString();
    }

    /** Makes the observation current while the handler is started, so that it runs inside it. */
    Observation.Scope openScope() {
        return Observation.Scope.NOOP;
    }

    /** Records the answer: a result, an error reply, the time limit's reply, or none (a notification). */
    void answered(Envelope.Response response, boolean timedOut) {
    }

    /**
     * Ends the observation once the answer is done; {@code failure} when the transport failed at
     * it, which makes the outcome a transport failure whatever the answer was; {@code abandoned}
     * when the server's stop gave up on the handler, so that nothing was answered (cancelled).
     */
    void end(Throwable failure, boolean abandoned) {
    }

    private static final class Started extends ServerCallObservation {

        private final Observation observation;
        private final ClamatorServerContext context;

        Started(Observation observation, ClamatorServerContext context) {
            this.observation = observation;
            this.context = context;
        }

        @Override
        Observation.Scope openScope() {
            return observation.openScope();
        }

        @Override
        void answered(Envelope.Response response, boolean timedOut) {
            if (response instanceof Envelope.Error error) {
                context.call().ended(timedOut ? CallOutcome.TIMEOUT : CallOutcome.ERROR_REPLY, error.code());
                observation.error(new RpcException(error.code(), error.message()));
            } else {
                context.call().ended(timedOut ? CallOutcome.TIMEOUT : CallOutcome.SUCCESS, null);
            }
        }

        @Override
        void end(Throwable failure, boolean abandoned) {
            if (abandoned) {
                context.call().ended(CallOutcome.CANCELLED, null);
            } else if (failure != null) { // the answer was decided, but not written: the caller got none
                context.call().ended(CallOutcome.TRANSPORT_FAILURE, null);
                observation.error(AsyncResults.unwrap(failure));
            }
            observation.stop();
        }
    }
}
