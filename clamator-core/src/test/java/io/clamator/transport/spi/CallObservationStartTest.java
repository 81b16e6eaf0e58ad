package io.clamator.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.internal.AsyncResults;
import io.clamator.observation.CallOutcome;
import io.clamator.observation.ClamatorObservations;
import io.clamator.observation.ClamatorServerContext;
import io.clamator.protocol.ClamatorInterruptedException;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.RpcException;
import io.clamator.server.ServiceDefinition;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.StringNode;

class CallObservationStartTest {

    @Test
    void withoutARegistryNothingIsCreated() {
        assertThat(ClientCallObservation.start(ClamatorObservations.none(), "arith", "add", "1", "shop"))
                .isSameAs(ClientCallObservation.OFF);
        assertThat(ServerCallObservation.start(ClamatorObservations.of(ObservationRegistry.NOOP), null,
                new Envelope.Request(StringNode.valueOf("1"), "arith", "add", null), Map::of, "shop"))
                .isSameAs(ServerCallObservation.OFF);
    }

    @Test
    void aRegistryWithoutHandlersCountsAsNone() {
        assertThat(ClientCallObservation.start(ClamatorObservations.of(ObservationRegistry.create()), "arith", "add", "1", "shop"))
                .isSameAs(ClientCallObservation.OFF);
    }

    @Test
    void aRegistryWithAHandlerStartsARealObservation() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(context -> true);
        ClamatorObservations observations = ClamatorObservations.of(registry);
        ClientCallObservation observation = ClientCallObservation.start(observations, "arith", "add", "1", "shop");
        assertThat(observation).isNotSameAs(ClientCallObservation.OFF);
        observation.end(null);
    }

    private static ClamatorServerContext observeOneServerCall(String envelopeService, Throwable writeFailure, boolean abandoned) {
        ObservationRegistry registry = ObservationRegistry.create();
        AtomicReference<ClamatorServerContext> stopped = new AtomicReference<>();
        registry.observationConfig().observationHandler(new ObservationHandler<ClamatorServerContext>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof ClamatorServerContext;
            }

            @Override
            public void onStop(ClamatorServerContext context) {
                stopped.set(context);
            }
        });
        ServerCallObservation observation = ServerCallObservation.start(ClamatorObservations.of(registry),
                ServiceDefinition.of(Arith.class, new ArithService()),
                new Envelope.Request(StringNode.valueOf("1"), envelopeService, "add", null), Map::of, "shop");
        observation.answered(new Envelope.Success(StringNode.valueOf("1"), StringNode.valueOf("5")), false);
        observation.end(writeFailure, abandoned);
        return stopped.get();
    }

    @Test
    void aServerCallIsTaggedWithTheServiceServedNotTheOneItsEnvelopeNames() {
        ClamatorServerContext context = observeOneServerCall("x-" + System.nanoTime(), null, false);
        assertThat(context.call().service()).isEqualTo("arith");
        assertThat(context.call().outcome()).isEqualTo(CallOutcome.SUCCESS);
    }

    @Test
    void anAnswerThatCouldNotBeWrittenIsATransportFailure() {
        ClamatorServerContext context = observeOneServerCall("arith", new CompletionException(new ClamatorTransportException("down")), false);
        assertThat(context.call().outcome()).isEqualTo(CallOutcome.TRANSPORT_FAILURE);
        assertThat(context.call().errorCode()).isNull();
        assertThat(context.getError()).isInstanceOf(ClamatorTransportException.class);
    }

    @Test
    void aCallTheServersStopGaveUpOnIsCancelledWhateverItsHandlerAnswered() {
        ClamatorServerContext context = observeOneServerCall("arith", null, true);
        assertThat(context.call().outcome()).isEqualTo(CallOutcome.CANCELLED);
        assertThat(context.call().errorCode()).isNull();
    }

    @Test
    void failuresMapToOutcomes() {
        assertThat(CallOutcomes.of(new RpcException(-32000, "no"))).isEqualTo(CallOutcome.ERROR_REPLY);
        assertThat(CallOutcomes.of(new ClamatorTimeoutException("late"))).isEqualTo(CallOutcome.TIMEOUT);
        assertThat(CallOutcomes.of(new TimeoutException())).as("the caller's own orTimeout").isEqualTo(CallOutcome.TIMEOUT);
        assertThat(CallOutcomes.of(new CancellationException())).isEqualTo(CallOutcome.CANCELLED);
        assertThat(CallOutcomes.of(new ClamatorInterruptedException("stop", new InterruptedException()))).isEqualTo(CallOutcome.CANCELLED);
        assertThat(CallOutcomes.of(new ClamatorProtocolException("unreadable"))).isEqualTo(CallOutcome.PROTOCOL_ERROR);
        assertThat(CallOutcomes.of(new ClamatorTransportException("down"))).isEqualTo(CallOutcome.TRANSPORT_FAILURE);
        assertThat(CallOutcomes.of(AsyncResults.unwrap(new CompletionException(new ClamatorTransportException("down")))))
                .isEqualTo(CallOutcome.TRANSPORT_FAILURE);
    }
}
