package io.clamator.transport.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.client.ClientOptions;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.fixtures.HeldArithService;
import io.clamator.fixtures.Notifications;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.protocol.RpcException;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import io.clamator.testing.LogCapture;
import io.clamator.transport.spi.AbstractRpcClient;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

class MemoryTransportTest {

    private final MemoryBus bus = new MemoryBus();
    private final ArithService arith = new ArithService();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private MemoryRpcServer server(ServiceDefinition... services) {
        MemoryRpcServer server = new MemoryRpcServer(bus);
        for (ServiceDefinition service : services) {
            server.register(service);
        }
        toClose.add(server);
        return server;
    }

    private MemoryRpcServer startedArithServer() {
        MemoryRpcServer server = server(ServiceDefinition.of(Arith.class, arith));
        server.start();
        return server;
    }

    private MemoryRpcClient client(Duration timeout) {
        MemoryRpcClient client = new MemoryRpcClient(bus, ClientOptions.defaults().withDefaultTimeout(timeout));
        toClose.add(client);
        client.start();
        return client;
    }

    private MemoryRpcClient client() {
        return client(ClientOptions.DEFAULT_TIMEOUT);
    }

    @Test
    void callsAServiceThroughTheBus() {
        startedArithServer();
        MemoryRpcClient client = client();
        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(2, 3))).isEqualTo(new Arith.AddResult(5));
        assertThat(client.call("arith", "echoText", new Arith.EchoText("hello"), Arith.EchoText.class))
                .isEqualTo(new Arith.EchoText("hello"));
        assertThat(client.defaultTimeout()).isEqualTo(ClientOptions.DEFAULT_TIMEOUT);
    }

    @Test
    void mapsErrorRepliesToRpcExceptions() {
        startedArithServer();
        Arith proxy = client().proxy(Arith.class);
        assertThatThrownBy(() -> proxy.divide(new Arith.DivideParams(10, 0)))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32000);
                    assertThat(e.getMessage()).isEqualTo("division by zero");
                    assertThat(e.data()).isNull();
                });
        assertThatThrownBy(() -> proxy.slowAdd(new Arith.SlowAddParams(1, 2, -1)))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32602);
                    assertThat(e.data().toString()).contains("sleepMs");
                });
    }

    @Test
    void aCallToAServiceNobodyServesTimesOutAsOverRedisAndSaysWhyOnce() {
        MemoryRpcClient client = client(Duration.ofMillis(200));
        try (LogCapture clientLogs = LogCapture.of(MemoryRpcClient.class)) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> client.call("nobody", "anything", null, Object.class))
                        .isInstanceOf(ClamatorTimeoutException.class)
                        .hasMessage("call timeout: no reply to nobody.anything within 200 ms (no server on this MemoryBus serves"
                                + " \"nobody\" under key prefix \"clamator\")");
            }
            assertThat(clientLogs.at(Level.WARN)).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                    .isEqualTo("no server on this MemoryBus serves service \"nobody\" under key prefix \"clamator\";"
                            + " calls to it time out, as over Redis"));
        }
        assertThat(client.notifyAsync("nobody", "anything", null)).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void deliversNotifications() {
        ConcurrentLinkedQueue<String> tags = new ConcurrentLinkedQueue<>();
        server(ServiceDefinition.of(Notifications.class, (Notifications) params -> tags.add(params.tag()))).start();
        client().proxy(Notifications.class).ping(new Notifications.Ping("x"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tags).containsExactly("x"));
    }

    @Test
    void allowsOneServerPerServicePerBus() {
        startedArithServer();
        MemoryRpcServer second = server(ServiceDefinition.of(Arith.class, new ArithService()));
        assertThatThrownBy(second::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("service \"arith\" already served on this bus under key prefix \"clamator\"");
        assertThat(second.isRunning()).isFalse();
        assertThat(client().proxy(Arith.class).add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
        assertThat(arith.handled).hasValue(1);
    }

    @Test
    void aServerThatFailsToStartReleasesWhatItRegistered() {
        server(ServiceDefinition.builder("first").request("x", String.class, String.class, p -> p).build()).start();
        MemoryRpcServer clash = server(
                ServiceDefinition.builder("alpha").request("x", String.class, String.class, p -> p).build(),
                ServiceDefinition.builder("first").request("x", String.class, String.class, p -> p).build());
        assertThatThrownBy(clash::start).isInstanceOf(IllegalStateException.class);
        assertThat(bus.services(MemoryBus.DEFAULT_KEY_PREFIX)).containsExactly("first");
    }

    @Test
    void lifecycleIsIdempotentAndOneWay() {
        MemoryRpcServer server = startedArithServer();
        server.start();
        assertThat(server.isRunning()).isTrue();
        server.stop();
        server.stop();
        assertThat(server.isRunning()).isFalse();
        assertThat(bus.services(MemoryBus.DEFAULT_KEY_PREFIX)).isEmpty();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("has been stopped");

        MemoryRpcClient client = client();
        client.start();
        client.stop();
        client.stop();
        assertThatThrownBy(client::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("has been stopped");
    }

    @Test
    void registeringAfterStartOrTwiceFailsLoudly() {
        MemoryRpcServer server = server(ServiceDefinition.of(Arith.class, arith));
        assertThatThrownBy(() -> server.register(ServiceDefinition.of(Arith.class, new ArithService())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service \"arith\" already registered on this server");
        server.start();
        assertThatThrownBy(() -> server.register(Notifications.class, params -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot register service \"notifications\"")
                .hasMessageContaining("register every service before start()");
        assertThat(server.services()).containsExactly("arith");
    }

    @Test
    void callsBeforeStartAndAfterStopAreTransportErrors() {
        startedArithServer();
        MemoryRpcClient client = new MemoryRpcClient(bus);
        toClose.add(client);
        assertThatThrownBy(() -> client.call("arith", "add", new Arith.AddParams(1, 1), Arith.AddResult.class))
                .isInstanceOf(ClamatorTransportException.class).hasMessageContaining("transport not started");
        assertThatThrownBy(() -> client.notify("arith", "add", null))
                .isInstanceOf(ClamatorTransportException.class).hasMessageContaining("transport not started");
        client.start();
        client.stop();
        assertThatThrownBy(() -> client.call("arith", "add", new Arith.AddParams(1, 1), Arith.AddResult.class))
                .isInstanceOf(ClamatorTransportException.class).hasMessage("transport stopped");
    }

    @Test
    void stopFailsPendingCalls() {
        startedArithServer();
        MemoryRpcClient client = client();
        CompletableFuture<Arith.AddResult> pending = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(1, 2, 3000), Arith.AddResult.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> arith.handled.get() == 1);
        client.stop();
        assertThat(pending).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOf(ClamatorTransportException.class).withMessage("transport stopped");
    }

    @Test
    void aBlockingNotificationInACallbackOnASingleCallbackThreadIsSentRatherThanWaitingForThatThread() {
        ConcurrentLinkedQueue<String> tags = new ConcurrentLinkedQueue<>();
        server(ServiceDefinition.of(Arith.class, arith),
                ServiceDefinition.of(Notifications.class, (Notifications) params -> tags.add(params.tag()))).start();
        ExecutorService callbackThread = Executors.newSingleThreadExecutor();
        toClose.add(callbackThread::shutdownNow);
        MemoryRpcClient client = new MemoryRpcClient(bus, ClientOptions.defaults().withCallbackExecutor(callbackThread));
        toClose.add(client);
        client.start();

        CompletableFuture<Void> notified = client.callAsync("arith", "add", new Arith.AddParams(1, 2), Arith.AddResult.class)
                .thenAccept(sum -> client.notify("notifications", "ping", new Notifications.Ping("sum " + sum.sum())));

        assertThat(notified).succeedsWithin(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tags).containsExactly("sum 3.0"));
    }

    @Test
    void aCallWhoseFutureTheCallerCompletesFirstIsNoLongerInFlightAndItsLateReplyIsDropped() {
        HeldArithService held = new HeldArithService();
        server(ServiceDefinition.of(Arith.class, held)).start();
        ExecutorService callbackThread = Executors.newSingleThreadExecutor();
        toClose.add(callbackThread::shutdownNow);
        MemoryRpcClient direct = client(Duration.ofMillis(500));
        MemoryRpcClient relayed = new MemoryRpcClient(bus, ClientOptions.defaults().withDefaultTimeout(Duration.ofMillis(500))
                .withCallbackExecutor(callbackThread));
        toClose.add(relayed);
        relayed.start();
        try (LogCapture clientLogs = LogCapture.of(AbstractRpcClient.class)) {
            for (MemoryRpcClient client : List.of(direct, relayed)) {
                CompletableFuture<Arith.AddResult> call = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(1, 2, 0),
                        Arith.AddResult.class, Duration.ofMinutes(10));
                assertThat(call.complete(new Arith.AddResult(0))).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> client.describe().callsInFlight() == 0);
            }
            held.release();
            assertThat(direct.call("arith", "add", new Arith.AddParams(1, 1), Arith.AddResult.class, Duration.ofSeconds(20)).sum())
                    .isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(clientLogs.at(Level.DEBUG))
                    .filteredOn(event -> event.getFormattedMessage().startsWith("dropped a reply for no pending call")).hasSize(2));
        }
    }

    @Test
    void timesOutAndDropsTheLateReply() {
        startedArithServer();
        MemoryRpcClient client = client(Duration.ofMillis(100));
        try (LogCapture clientLogs = LogCapture.of(AbstractRpcClient.class)) {
            assertThatThrownBy(() -> client.call("arith", "slowAdd", new Arith.SlowAddParams(1, 2, 800), Arith.AddResult.class))
                    .isInstanceOf(ClamatorTimeoutException.class)
                    .hasMessageContaining("call timeout")
                    .hasMessageContaining("arith.slowAdd");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(clientLogs.at(Level.DEBUG))
                    .anySatisfy(event -> assertThat(event.getFormattedMessage()).startsWith("dropped a reply for no pending call")));
            assertThat(clientLogs.at(Level.WARN)).isEmpty();
        }
        assertThat(client.call("arith", "add", new Arith.AddParams(1, 2), Arith.AddResult.class, Duration.ofSeconds(10)).sum()).isEqualTo(3);
    }

    @Test
    void answersAThousandConcurrentCallsEachWithItsOwnResult() {
        startedArithServer();
        MemoryRpcClient client = client();
        List<CompletableFuture<Arith.AddResult>> calls = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            calls.add(client.callAsync("arith", "add", new Arith.AddParams(i, 1000), Arith.AddResult.class));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
        for (int i = 0; i < 1000; i++) {
            assertThat(calls.get(i).join().sum()).isEqualTo(i + 1000);
        }
        assertThat(arith.handled).hasValue(1000);
    }

    @Test
    void poisonEnvelopesAreLoggedAndNeverAnswered() {
        startedArithServer();
        List<byte[]> replies = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (LogCapture serverLogs = LogCapture.of(MemoryRpcServer.class)) {
            MemoryBus.Inbox inbox = bus.inbox(MemoryBus.DEFAULT_KEY_PREFIX, "arith");
            inbox.deliver(utf8("not json"), Map.of(), MemoryBus.NO_DEADLINE, replies::add);
            inbox.deliver(utf8("[{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"id\":\"a\"}]"), Map.of(), MemoryBus.NO_DEADLINE, replies::add);
            inbox.deliver(utf8("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":1}"), Map.of(), MemoryBus.NO_DEADLINE, replies::add);
            inbox.deliver(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'}, Map.of(), MemoryBus.NO_DEADLINE, replies::add);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(serverLogs.at(Level.WARN)).hasSize(4)
                    .allSatisfy(event -> assertThat(event.getFormattedMessage()).startsWith("memory poison envelope: service=arith")));
        }
        assertThat(replies).isEmpty();
        assertThat(arith.handled).hasValue(0);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Params whose JSON form drops a field: proves envelopes really travel as JSON text. */
    record Secretive(String shown, @JsonIgnore String hidden) {
    }

    @Test
    void envelopesTravelAsJsonText() {
        AtomicReference<Secretive> received = new AtomicReference<>();
        server(ServiceDefinition.builder("secrets").request("keep", Secretive.class, Secretive.class, p -> {
            received.set(p);
            return new Secretive("back", "never sent");
        }).build()).start();
        Secretive answer = client().call("secrets", "keep", new Secretive("a", "b"), Secretive.class);
        assertThat(received.get()).isEqualTo(new Secretive("a", null));
        assertThat(answer).isEqualTo(new Secretive("back", null));
    }

    @Test
    void runsHandlersOnASuppliedExecutor() {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "supplied-handler"));
        try {
            AtomicReference<String> thread = new AtomicReference<>();
            MemoryRpcServer server = new MemoryRpcServer(bus, ServerOptions.builder().handlerExecutor(executor).build());
            toClose.add(server);
            server.register(ServiceDefinition.builder("where").request("thread", String.class, String.class, p -> {
                thread.set(Thread.currentThread().getName());
                return p;
            }).build());
            server.start();
            client().call("where", "thread", "x", String.class);
            assertThat(thread.get()).isEqualTo("supplied-handler");
            server.stop();
            assertThat(executor.isShutdown()).as("a supplied executor is not shut down by the server").isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void onceEveryServerAndClientHasStoppedNoThreadOfTheirsIsLeft() {
        java.util.Set<Thread> before = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
        MemoryRpcServer server = startedArithServer();
        MemoryRpcClient client = client(Duration.ofMillis(200));
        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
        assertThatThrownBy(() -> client.call("nobody", "home", null, Object.class)).isInstanceOf(ClamatorTimeoutException.class);
        assertThat(clamatorThreadsStartedSince(before)).as("handler and timer threads while it runs").isNotEmpty();
        client.stop();
        server.stop();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(clamatorThreadsStartedSince(before)).isEmpty());
    }

    private static List<String> clamatorThreadsStartedSince(java.util.Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive() && thread.getName().startsWith("clamator-"))
                .map(Thread::getName)
                .toList();
    }

    @Test
    void aCallWithATimeoutLongerThanTheTimersHoldIsAnswered() {
        startedArithServer();
        MemoryRpcClient client = client();
        CompletableFuture<Arith.AddResult> reply = client.callAsync("arith", "add", new Arith.AddParams(2, 3), Arith.AddResult.class,
                ChronoUnit.FOREVER.getDuration());
        assertThat(reply.join()).isEqualTo(new Arith.AddResult(5));
        await().until(() -> client.describe().callsInFlight() == 0);
    }

    @Test
    void aHandlerTimeoutLongerThanTheTimersHoldLetsTheHandlerAnswer() {
        MemoryRpcServer server = new MemoryRpcServer(bus, ServerOptions.builder().handlerTimeout(ChronoUnit.FOREVER.getDuration()).build());
        toClose.add(server);
        server.register(ServiceDefinition.of(Arith.class, arith));
        server.start();
        assertThat(client().proxy(Arith.class).add(new Arith.AddParams(2, 3))).isEqualTo(new Arith.AddResult(5));
    }

    /** Params whose JSON is written while the call starts; writing them stops the client first. */
    record StoppingParams(@JsonIgnore MemoryRpcClient client, double a, double b) {

        @JsonValue
        Map<String, Double> json() {
            client.stop();
            return Map.of("a", a, "b", b);
        }
    }

    @Test
    void aCallStartedWhileTheClientStopsFailsInsteadOfWaitingForever() {
        startedArithServer();
        MemoryRpcClient client = client();
        CompletableFuture<Arith.AddResult> reply = client.callAsync("arith", "add", new StoppingParams(client, 2, 3), Arith.AddResult.class,
                Duration.ofMinutes(10));
        await().atMost(Duration.ofSeconds(30)).until(reply::isDone);
        assertThatThrownBy(reply::join).hasCauseInstanceOf(ClamatorTransportException.class).hasMessageContaining("transport stopped");
        assertThat(client.describe().callsInFlight()).isZero();
    }

    /** A result type whose deserializer fails with an exception of its own, not Jackson's. */
    @JsonDeserialize(using = RefusingDeserializer.class)
    record RefusedResult(double sum) {
    }

    static final class RefusingDeserializer extends ValueDeserializer<RefusedResult> {
        @Override
        public RefusedResult deserialize(JsonParser parser, DeserializationContext context) {
            throw new IllegalArgumentException("sums are refused");
        }
    }

    /** A result type whose deserializer overflows the stack, as a recursive mapping does. */
    @JsonDeserialize(using = OverflowingDeserializer.class)
    record OverflowingResult(double sum) {
    }

    static final class OverflowingDeserializer extends ValueDeserializer<OverflowingResult> {
        @Override
        public OverflowingResult deserialize(JsonParser parser, DeserializationContext context) {
            throw new StackOverflowError();
        }
    }

    @Test
    void aResultDeserializerThatOverflowsTheStackFailsItsCallAndTheClientGoesOn() {
        startedArithServer();
        MemoryRpcClient client = client();
        CompletableFuture<OverflowingResult> overflowed = client.callAsync("arith", "add", new Arith.AddParams(2, 3), OverflowingResult.class);
        await().atMost(Duration.ofSeconds(30)).until(overflowed::isDone);
        assertThatThrownBy(overflowed::join).hasCauseInstanceOf(ClamatorProtocolException.class).hasMessageContaining("StackOverflowError");
        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(1, 1))).isEqualTo(new Arith.AddResult(2));
    }

    @Test
    void aCallWithATimeoutThatIsNotPositiveIsRefusedAndNeverSent() {
        startedArithServer();
        MemoryRpcClient client = client();
        for (Duration timeout : List.of(Duration.ZERO, Duration.ofMillis(-5), Duration.ofNanos(500_000))) {
            assertThat(client.callAsync("arith", "add", new Arith.AddParams(2, 3), Arith.AddResult.class, timeout))
                    .failsWithin(Duration.ZERO).withThrowableThat().havingCause().isInstanceOf(IllegalArgumentException.class)
                    .withMessageContaining("timeout must be at least 1 ms");
        }
        assertThat(arith.handled).hasValue(0);
    }

    @Test
    void aResultDeserializerThatThrowsFailsItsCallAndTheClientGoesOn() {
        startedArithServer();
        MemoryRpcClient client = client();
        CompletableFuture<RefusedResult> refused = client.callAsync("arith", "add", new Arith.AddParams(2, 3), RefusedResult.class);
        await().atMost(Duration.ofSeconds(30)).until(refused::isDone);
        assertThatThrownBy(refused::join).hasCauseInstanceOf(ClamatorProtocolException.class).hasMessageContaining("sums are refused");
        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(1, 1))).isEqualTo(new Arith.AddResult(2));
    }
}
