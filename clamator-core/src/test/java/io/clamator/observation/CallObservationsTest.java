package io.clamator.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.client.ClientOptions;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.HeldArithService;
import io.clamator.fixtures.Notifications;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.RpcException;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcClient;
import io.clamator.testing.StoppedObservations;
import io.clamator.transport.memory.MemoryRpcServer;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Observations of calls through the memory transport, client and server side, with a test registry. */
class CallObservationsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ObservationRegistry registry = ObservationRegistry.create();
    private final StoppedObservations stopped = StoppedObservations.on(registry);
    private final ClamatorObservations observations = ClamatorObservations.of(registry);
    private final MemoryBus bus = new MemoryBus();
    private final AtomicReference<Observation> currentInHandler = new AtomicReference<>();
    private MemoryRpcServer server;
    private MemoryRpcClient client;

    private final HeldArithService arith = new HeldArithService() {
        @Override
        public AddResult add(AddParams params) {
            currentInHandler.set(registry.getCurrentObservation());
            return super.add(params);
        }
    };

    @AfterEach
    void stop() {
        arith.release();
        if (client != null) {
            client.stop();
        }
        if (server != null) {
            server.stop();
        }
    }

    private void start(ServerOptions.Builder serverOptions, Duration callTimeout) {
        server = new MemoryRpcServer(bus, "shop", serverOptions.observations(observations).build());
        server.register(ServiceDefinition.of(Arith.class, arith));
        server.register(ServiceDefinition.of(Notifications.class, (Notifications) params -> { }));
        server.start();
        client = new MemoryRpcClient(bus, "shop", ClientOptions.defaults().withDefaultTimeout(callTimeout).withObservations(observations));
        client.start();
    }

    private void start() {
        start(ServerOptions.builder(), Duration.ofSeconds(30));
    }

    @Test
    void aCallIsObservedOnBothSidesAfterTheConventions() {
        start();
        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(2, 3)).sum()).isEqualTo(5);

        ClamatorClientContext sent = stopped(ClamatorClientContext.class);
        assertThat(sent.getName()).isEqualTo("rpc.client.call");
        assertThat(sent.getContextualName()).isEqualTo("arith/add");
        assertThat(lowCardinality(sent)).containsAllEntriesOf(Map.of(
                "rpc.system.name", "jsonrpc", "rpc.service", "arith", "rpc.method", "add", "jsonrpc.protocol.version", "2.0",
                "rpc.response.status_code", "OK", "error.type", "none", "clamator.outcome", "success",
                "clamator.call.kind", "call", "clamator.key_prefix", "shop"));
        String requestId = sent.getHighCardinalityKeyValue("jsonrpc.request.id").getValue();
        assertThat(requestId).isNotBlank();

        ClamatorServerContext handled = stopped(ClamatorServerContext.class);
        assertThat(handled.getName()).isEqualTo("rpc.server.call");
        assertThat(handled.getContextualName()).isEqualTo("arith/add");
        assertThat(lowCardinality(handled)).isEqualTo(lowCardinality(sent));
        assertThat(handled.getHighCardinalityKeyValue("jsonrpc.request.id").getValue()).isEqualTo(requestId);
        assertThat(currentInHandler.get()).as("the handler runs inside the server's observation").isNotNull();
        assertThat(currentInHandler.get().getContext()).isSameAs(handled);
    }

    @Test
    void anErrorReplyCarriesItsCodeAndMarksTheObservationsFailed() {
        start();
        assertThatThrownBy(() -> client.proxy(Arith.class).divide(new Arith.DivideParams(1, 0))).isInstanceOf(RpcException.class);

        for (Observation.Context context : List.of(stopped(ClamatorClientContext.class), stopped(ClamatorServerContext.class))) {
            assertThat(lowCardinality(context)).containsAllEntriesOf(Map.of(
                    "rpc.response.status_code", "-32000", "error.type", "-32000", "clamator.outcome", "error_reply"));
            assertThat(context.getError()).isInstanceOf(RpcException.class);
        }
    }

    @Test
    void aTimeoutIsItsOwnOutcome() {
        start(ServerOptions.builder(), Duration.ofMillis(200));
        assertThatThrownBy(() -> client.proxy(Arith.class).slowAdd(new Arith.SlowAddParams(1, 1, 0)))
                .isInstanceOf(ClamatorTimeoutException.class);

        assertThat(lowCardinality(stopped(ClamatorClientContext.class))).containsAllEntriesOf(Map.of(
                "rpc.response.status_code", "none", "error.type", "timeout", "clamator.outcome", "timeout"));
    }

    @Test
    void theHandlerTimeLimitIsATimeoutOnTheServer() {
        start(ServerOptions.builder().handlerTimeout(Duration.ofMillis(100)), Duration.ofSeconds(30));
        assertThatThrownBy(() -> client.proxy(Arith.class).slowAdd(new Arith.SlowAddParams(1, 1, 0)))
                .isInstanceOf(RpcException.class);

        assertThat(lowCardinality(stopped(ClamatorServerContext.class))).containsAllEntriesOf(Map.of(
                "rpc.response.status_code", "-32603", "error.type", "-32603", "clamator.outcome", "timeout"));
        assertThat(lowCardinality(stopped(ClamatorClientContext.class))).containsEntry("clamator.outcome", "error_reply");
    }

    @Test
    void aCancelledCallIsCancelled() {
        start();
        CompletableFuture<Arith.AddResult> call = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(1, 1, 0),
                Arith.AddResult.class, null);
        call.cancel(true);

        assertThat(lowCardinality(stopped(ClamatorClientContext.class))).containsAllEntriesOf(Map.of(
                "error.type", "cancelled", "clamator.outcome", "cancelled"));
    }

    @Test
    void aCallWhoseFutureTheCallerCompletesWithAFallbackIsCancelledNotASuccess() {
        start();
        CompletableFuture<Arith.AddResult> call = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(1, 1, 0),
                Arith.AddResult.class, null);
        call.complete(new Arith.AddResult(0));

        assertThat(lowCardinality(stopped(ClamatorClientContext.class))).containsAllEntriesOf(Map.of(
                "error.type", "cancelled", "clamator.outcome", "cancelled"));
    }

    @Test
    void theCallersOwnOrTimeoutIsATimeout() {
        start();
        CompletableFuture<Arith.AddResult> call = client.<Arith.AddResult>callAsync("arith", "slowAdd", new Arith.SlowAddParams(1, 1, 0),
                Arith.AddResult.class, null).orTimeout(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(call).failsWithin(Duration.ofSeconds(20));

        assertThat(lowCardinality(stopped(ClamatorClientContext.class))).containsAllEntriesOf(Map.of(
                "error.type", "timeout", "clamator.outcome", "timeout"));
    }

    @Test
    void aNotificationHasNoRequestId() {
        start();
        client.proxy(Notifications.class).ping(new Notifications.Ping("tag"));

        for (Observation.Context context : List.of(stopped(ClamatorClientContext.class), stopped(ClamatorServerContext.class))) {
            assertThat(lowCardinality(context)).containsAllEntriesOf(Map.of(
                    "rpc.service", "notifications", "rpc.method", "ping", "clamator.call.kind", "notification",
                    "rpc.response.status_code", "none", "clamator.outcome", "success"));
            assertThat(context.getHighCardinalityKeyValue("jsonrpc.request.id")).isNull();
        }
    }

    @Test
    void methodsTheServiceDoesNotHaveShareOneTagOnTheServer() {
        start();
        assertThatThrownBy(() -> client.call("arith", "nope" + System.nanoTime(), Map.of(), Object.class))
                .isInstanceOf(RpcException.class);

        ClamatorServerContext handled = stopped(ClamatorServerContext.class);
        assertThat(lowCardinality(handled)).containsAllEntriesOf(Map.of("rpc.method", "_OTHER", "error.type", "-32601"));
    }

    @Test
    void aConventionOfTheApplicationReplacesTheDefault() {
        ClamatorClientObservationConvention renamed = new DefaultClamatorClientObservationConvention() {
            @Override
            public String getName() {
                return "shop.calls";
            }
        };
        server = new MemoryRpcServer(bus, "shop", ServerOptions.defaults());
        server.register(ServiceDefinition.of(Arith.class, arith));
        server.start();
        client = new MemoryRpcClient(bus, "shop", ClientOptions.defaults().withObservations(observations.withClientConvention(renamed)));
        client.start();
        client.proxy(Arith.class).add(new Arith.AddParams(1, 1));

        assertThat(stopped(ClamatorClientContext.class).getName()).isEqualTo("shop.calls");
    }

    @Test
    void fieldsAPropagatorAddsTravelWithTheCallToTheServer() {
        AtomicReference<String> received = new AtomicReference<>();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStart(Observation.Context context) {
                if (context instanceof ClamatorClientContext sent) {
                    sent.getSetter().set(sent.getCarrier(), "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
                } else if (context instanceof ClamatorServerContext handled) {
                    received.set(handled.getGetter().get(handled.getCarrier(), "traceparent"));
                }
            }
        });
        start();
        client.proxy(Arith.class).add(new Arith.AddParams(2, 3));

        stopped(ClamatorServerContext.class);
        assertThat(received.get()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    private <C extends Observation.Context> C stopped(Class<C> type) {
        return await().atMost(WAIT).until(() -> stopped.first(type), found -> found != null);
    }

    private static Map<String, String> lowCardinality(Observation.Context context) {
        return context.getLowCardinalityKeyValues().stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }
}
