package io.clamator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.contract.ClamatorContract;
import io.clamator.contract.ClamatorMethod;
import io.clamator.contract.Notification;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.RpcException;
import io.clamator.server.ServiceDefinition;
import io.clamator.testing.LogCapture;
import io.clamator.transport.spi.AbstractRpcClient;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcClient;
import io.clamator.transport.memory.MemoryRpcServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** Typed proxies over every return form, timeouts at every level, and hand-built services beside annotated ones. */
class ContractProxiesTest {

    /** The client's view of {@code arith}: the same wire methods in every return form. */
    @ClamatorContract("arith")
    interface ArithForms {
        Arith.AddResult add(Arith.AddParams params);

        @ClamatorMethod("add")
        CompletableFuture<Arith.AddResult> addFuture(Arith.AddParams params);

        @ClamatorMethod("add")
        CompletionStage<Arith.AddResult> addStage(Arith.AddParams params);

        @ClamatorMethod("add")
        Mono<Arith.AddResult> addMono(Arith.AddParams params);

        @ClamatorMethod("add")
        void addIgnoringResult(Arith.AddParams params);

        Arith.AddResult slowAdd(Arith.SlowAddParams params);

        @ClamatorMethod(value = "slowAdd", timeoutMillis = 100)
        Arith.AddResult slowAddImpatiently(Arith.SlowAddParams params);

        @ClamatorMethod("slowAdd")
        CompletableFuture<Arith.AddResult> slowAddFuture(Arith.SlowAddParams params);

        @ClamatorMethod("slowAdd")
        Mono<Arith.AddResult> slowAddMono(Arith.SlowAddParams params);

        Arith.DivideResult divide(Arith.DivideParams params);

        @ClamatorMethod("divide")
        Mono<Arith.DivideResult> divideMono(Arith.DivideParams params);

        default double addAndDouble(double a, double b) {
            return add(new Arith.AddParams(a, b)).sum() * 2;
        }
    }

    @ClamatorContract("events")
    interface Events {
        @Notification
        void happened(Event params);
    }

    record Event(String name) {
    }

    /** What the {@code orders} service answers, read with a mismatching type to provoke a protocol error. */
    record Order(String id, double total) {
    }

    record WrongShape(List<String> id) {
    }

    @ClamatorContract("orders")
    interface OrdersClient {
        Order place(Order params);

        @ClamatorMethod("place")
        WrongShape placeMisread(Order params);
    }

    private final MemoryBus bus = new MemoryBus();
    private final ArithService arith = new ArithService();
    private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    private MemoryRpcServer server;
    private MemoryRpcClient client;
    private ArithForms proxy;

    @BeforeEach
    void start() {
        server = new MemoryRpcServer(bus);
        server.register(Arith.class, arith);
        server.register(ServiceDefinition.builder("events")
                .notification("happened", Event.class, event -> events.add(event.name()))
                .build());
        server.register(ServiceDefinition.builder("orders")
                .request("place", Order.class, Order.class, order -> new Order(order.id(), order.total() * 2))
                .build());
        server.start();
        client = new MemoryRpcClient(bus, ClientOptions.defaults().withDefaultTimeout(Duration.ofSeconds(20)));
        client.start();
        proxy = client.proxy(ArithForms.class);
    }

    @AfterEach
    void stop() {
        client.stop();
        server.stop();
    }

    @Test
    void blockingMethodsReturnTheResult() {
        assertThat(proxy.add(new Arith.AddParams(2, 3)).sum()).isEqualTo(5);
    }

    @Test
    void futureMethodsCompleteWithTheResultOrTheError() {
        assertThat(proxy.addFuture(new Arith.AddParams(2, 3))).succeedsWithin(Duration.ofSeconds(10))
                .isEqualTo(new Arith.AddResult(5));
        assertThat(proxy.addStage(new Arith.AddParams(1, 3)).toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10))
                .isEqualTo(new Arith.AddResult(4));
        assertThat(proxy.slowAddFuture(new Arith.SlowAddParams(1, 1, 0))).succeedsWithin(Duration.ofSeconds(10));
    }

    @Test
    void monoMethodsCallOnlyWhenSubscribed() {
        Mono<Arith.AddResult> mono = proxy.addMono(new Arith.AddParams(4, 5));
        assertThat(arith.handled).hasValue(0);
        assertThat(mono.block(Duration.ofSeconds(10))).isEqualTo(new Arith.AddResult(9));
        assertThat(arith.handled).hasValue(1);
        assertThat(mono.block(Duration.ofSeconds(10))).isEqualTo(new Arith.AddResult(9));
        assertThat(arith.handled).as("each subscription makes a call").hasValue(2);
        assertThatThrownBy(() -> proxy.divideMono(new Arith.DivideParams(1, 0)).block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(-32000));
    }

    @Test
    void disposingAMonoReleasesItsCall() {
        try (LogCapture logs = LogCapture.of(AbstractRpcClient.class)) {
            Disposable subscription = proxy.slowAddMono(new Arith.SlowAddParams(1, 1, 300)).subscribe();
            subscription.dispose();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(logs.messages())
                    .as("the late reply finds nothing waiting").anySatisfy(line -> assertThat(line)
                            .startsWith("dropped a reply for no pending call")));
        }
    }

    @Test
    void voidRequestsWaitForTheReply() {
        proxy.addIgnoringResult(new Arith.AddParams(1, 1));
        assertThat(arith.handled).hasValue(1);
    }

    @Test
    void notificationsReturnOnceSent() {
        client.proxy(Events.class).happened(new Event("deployed"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events).containsExactly("deployed"));
    }

    @Test
    void errorsSurfaceAsRpcExceptions() {
        assertThatThrownBy(() -> proxy.divide(new Arith.DivideParams(1, 0)))
                .isInstanceOf(RpcException.class).hasMessage("division by zero");
    }

    @Test
    void defaultMethodsRunLocallyAndObjectMethodsWork() {
        assertThat(proxy.addAndDouble(1, 2)).isEqualTo(6);
        assertThat(proxy.toString()).contains(ArithForms.class.getName()).contains("arith");
        assertThat(proxy).isEqualTo(proxy).isNotEqualTo(client.proxy(ArithForms.class));
        assertThat(proxy.hashCode()).isEqualTo(proxy.hashCode());
    }

    @Test
    void timeoutsComeFromTheMethodTheCallOrTheClient() {
        assertThatThrownBy(() -> proxy.slowAddImpatiently(new Arith.SlowAddParams(1, 1, 2000)))
                .as("method annotation").isInstanceOf(ClamatorTimeoutException.class).hasMessageContaining("call timeout");
        assertThatThrownBy(() -> client.call("arith", "slowAdd", new Arith.SlowAddParams(1, 1, 2000), Arith.AddResult.class, Duration.ofMillis(100)))
                .as("per call").isInstanceOf(ClamatorTimeoutException.class);
        MemoryRpcClient impatient = new MemoryRpcClient(bus, ClientOptions.defaults().withDefaultTimeout(Duration.ofMillis(100)));
        impatient.start();
        try {
            assertThatThrownBy(() -> impatient.proxy(ArithForms.class).slowAdd(new Arith.SlowAddParams(1, 1, 2000)))
                    .as("client default").isInstanceOf(ClamatorTimeoutException.class);
        } finally {
            impatient.stop();
        }
        assertThat(proxy.slowAdd(new Arith.SlowAddParams(1, 1, 200)).sum()).as("within the default").isEqualTo(2);
    }

    @Test
    void callOptionsGiveOneCallATimeoutOfItsOwnInEveryReturnForm() {
        ArithForms impatient = CallOptions.timeout(Duration.ofMillis(100)).on(proxy);
        Arith.SlowAddParams slow = new Arith.SlowAddParams(1, 1, 2000);
        assertThatThrownBy(() -> impatient.slowAdd(slow)).isInstanceOf(ClamatorTimeoutException.class)
                .hasMessageContaining("within 100 ms");
        assertThat(impatient.slowAddFuture(slow)).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().withCauseInstanceOf(ClamatorTimeoutException.class);
        assertThat(proxy.slowAdd(new Arith.SlowAddParams(1, 1, 300)).sum()).as("the proxy given is unchanged").isEqualTo(2);
        ArithForms patient = CallOptions.timeout(Duration.ofSeconds(20)).on(proxy);
        assertThat(patient.slowAddImpatiently(new Arith.SlowAddParams(1, 1, 300)).sum())
                .as("the call's timeout wins over the method's").isEqualTo(2);
        assertThat(impatient.addAndDouble(1, 2)).as("default methods call through the options' proxy").isEqualTo(6);
        assertThat(impatient.toString()).contains("PT0.1S");
    }

    @Test
    void callOptionsLeaveATestDoubleAsItIsAndRejectNonsense() {
        ArithForms fake = new ArithForms() {
            @Override
            public Arith.AddResult add(Arith.AddParams params) {
                return new Arith.AddResult(-1);
            }

            @Override
            public CompletableFuture<Arith.AddResult> addFuture(Arith.AddParams params) {
                return null;
            }

            @Override
            public CompletionStage<Arith.AddResult> addStage(Arith.AddParams params) {
                return null;
            }

            @Override
            public Mono<Arith.AddResult> addMono(Arith.AddParams params) {
                return null;
            }

            @Override
            public void addIgnoringResult(Arith.AddParams params) {
            }

            @Override
            public Arith.AddResult slowAdd(Arith.SlowAddParams params) {
                return null;
            }

            @Override
            public Arith.AddResult slowAddImpatiently(Arith.SlowAddParams params) {
                return null;
            }

            @Override
            public CompletableFuture<Arith.AddResult> slowAddFuture(Arith.SlowAddParams params) {
                return null;
            }

            @Override
            public Mono<Arith.AddResult> slowAddMono(Arith.SlowAddParams params) {
                return null;
            }

            @Override
            public Arith.DivideResult divide(Arith.DivideParams params) {
                return null;
            }

            @Override
            public Mono<Arith.DivideResult> divideMono(Arith.DivideParams params) {
                return null;
            }
        };
        assertThat(CallOptions.timeout(Duration.ofSeconds(1)).on(fake)).isSameAs(fake);
        assertThatThrownBy(() -> CallOptions.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handBuiltAndAnnotatedServicesAreServedSideBySide() {
        assertThat(server.services()).containsExactlyInAnyOrder("arith", "events", "orders");
        OrdersClient orders = client.proxy(OrdersClient.class);
        assertThat(orders.place(new Order("o-1", 21))).isEqualTo(new Order("o-1", 42));
        assertThat(proxy.add(new Arith.AddParams(20, 22)).sum()).isEqualTo(42);
    }

    @Test
    void aResultThatDoesNotFitTheTypeIsAProtocolError() {
        assertThatThrownBy(() -> client.proxy(OrdersClient.class).placeMisread(new Order("o-1", 1)))
                .isInstanceOf(ClamatorProtocolException.class)
                .hasMessageContaining("malformed result for orders.place");
    }

    @Test
    void paramsThatCannotBeWrittenAsJsonAreRejectedBeforeSending() {
        assertThatThrownBy(() -> proxy.add(new Arith.AddParams(Double.NaN, 1)))
                .isInstanceOf(ClamatorProtocolException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> client.call("Arith", "add", null, Object.class))
                .isInstanceOf(ClamatorProtocolException.class).hasMessageContaining("invalid service segment");
        assertThat(arith.handled).hasValue(0);
    }
}
