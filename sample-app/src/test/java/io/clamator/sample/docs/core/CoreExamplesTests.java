package io.clamator.sample.docs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.client.ClientOptions;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.RpcException;
import io.clamator.sample.docs.contracts.Orders.OrderPlaced;
import io.clamator.sample.docs.contracts.Orders.OrderRef;
import io.clamator.sample.docs.contracts.Orders.PlaceOrder;
import io.clamator.sample.docs.contracts.Orders.Quote;
import io.clamator.sample.docs.contracts.Orders.QuoteRequest;
import io.clamator.sample.docs.core.Arith.AddParams;
import io.clamator.sample.docs.core.Arith.AddResult;
import io.clamator.sample.docs.core.Arith.Ping;
import io.clamator.sample.docs.core.Arith.SlowAddParams;
import io.clamator.server.ServiceDefinition;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcClient;
import io.clamator.transport.memory.MemoryRpcServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plain-Java examples of docs/core.md, without Spring. */
class CoreExamplesTests {

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private final List<String> forgotten = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void servesAndCallsOverMemory() {
        MemoryBus bus = new MemoryBus();
        MemoryRpcServer server = new MemoryRpcServer(bus);
        server.register(Arith.class, new ArithService());
        server.start();
        toClose.add(server);

        MemoryRpcClient client = new MemoryRpcClient(bus, ClientOptions.defaults().withDefaultTimeout(Duration.ofSeconds(5)));
        client.start();
        Arith arith = client.proxy(Arith.class);
        AddResult sum = arith.add(new AddParams(2, 3));

        // without an interface
        AddResult same = client.call("arith", "add", new AddParams(2, 3), AddResult.class, Duration.ofSeconds(1));
        client.notify("arith", "ping", new Ping("x"));
        toClose.add(client);

        assertThat(sum).isEqualTo(new AddResult(5)).isEqualTo(same);
        assertThat(arith.slowAdd(new SlowAddParams(1, 2, 10)).join()).isEqualTo(new AddResult(3));
        assertThat(arith.echo(new Arith.EchoText("hi"))).isEqualTo(new Arith.EchoText("hi"));
    }

    @Test
    void handBuiltServicesBesideAnnotatedOnes() {
        MemoryBus bus = new MemoryBus();
        MemoryRpcServer server = new MemoryRpcServer(bus);
        ServiceDefinition orders = ServiceDefinition.builder("orders")
                .request("place", PlaceOrder.class, OrderPlaced.class, order -> book(order))
                .requestAsync("quote", QuoteRequest.class, Quote.class, request -> quoteAsync(request))
                .notification("cancelled", OrderRef.class, ref -> forget(ref))
                .build();
        server.register(orders);
        server.register(Arith.class, new ArithService());
        server.start();
        toClose.add(server);
        MemoryRpcClient client = new MemoryRpcClient(bus);
        client.start();
        toClose.add(client);

        assertThat(client.call("orders", "place", new PlaceOrder("apple", 1), OrderPlaced.class).orderId()).isEqualTo("order-apple");
        assertThat(client.call("orders", "quote", new QuoteRequest("apple", 4), Quote.class).total()).isEqualTo(2.0);
        client.notify("orders", "cancelled", new OrderRef("order-apple"));
        await().atMost(Duration.ofSeconds(5)).until(() -> forgotten.contains("order-apple"));
        assertThatThrownBy(() -> client.call("orders", "refund", new OrderRef("x"), OrderPlaced.class))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(-32601));
        assertThatThrownBy(() -> server.register(Arith.class, new ArithService())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void timeouts() {
        MemoryBus bus = new MemoryBus();
        MemoryRpcServer server = new MemoryRpcServer(bus);
        server.register(Arith.class, new ArithService());
        server.start();
        toClose.add(server);
        MemoryRpcClient client = new MemoryRpcClient(bus, ClientOptions.defaults().withDefaultTimeout(Duration.ofMillis(100)));
        client.start();
        toClose.add(client);
        assertThatThrownBy(() -> client.proxy(Arith.class).slowAdd(new SlowAddParams(1, 2, 1000)).join())
                .hasCauseInstanceOf(ClamatorTimeoutException.class)
                .hasMessageContaining("call timeout");
    }

    private OrderPlaced book(PlaceOrder order) {
        return new OrderPlaced("order-" + order.sku());
    }

    private CompletableFuture<Quote> quoteAsync(QuoteRequest request) {
        return CompletableFuture.completedFuture(new Quote(request.sku(), request.quantity() * 0.5));
    }

    private void forget(OrderRef ref) {
        forgotten.add(ref.orderId());
    }
}
