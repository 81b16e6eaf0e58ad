package io.clamator.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.internal.AsyncResults;
import io.clamator.observation.CallOutcome;
import io.clamator.observation.ClamatorObservations;
import io.clamator.protocol.ClamatorInterruptedException;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.RpcException;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
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

    @Test
    void failuresMapToOutcomes() {
        assertThat(CallOutcomes.of(new RpcException(-32000, "no"))).isEqualTo(CallOutcome.ERROR_REPLY);
        assertThat(CallOutcomes.of(new ClamatorTimeoutException("late"))).isEqualTo(CallOutcome.TIMEOUT);
        assertThat(CallOutcomes.of(new CancellationException())).isEqualTo(CallOutcome.CANCELLED);
        assertThat(CallOutcomes.of(new ClamatorInterruptedException("stop", new InterruptedException()))).isEqualTo(CallOutcome.CANCELLED);
        assertThat(CallOutcomes.of(new ClamatorProtocolException("unreadable"))).isEqualTo(CallOutcome.PROTOCOL_ERROR);
        assertThat(CallOutcomes.of(new ClamatorTransportException("down"))).isEqualTo(CallOutcome.TRANSPORT_FAILURE);
        assertThat(CallOutcomes.of(AsyncResults.unwrap(new CompletionException(new ClamatorTransportException("down")))))
                .isEqualTo(CallOutcome.TRANSPORT_FAILURE);
    }
}
