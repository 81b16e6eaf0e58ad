package io.clamator.sample.docs.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.test.autoconfigure.ClamatorTest;
import io.clamator.contract.InvalidContractException;
import io.clamator.protocol.RpcException;
import io.clamator.sample.docs.contracts.Orders.OrderRef;
import io.clamator.sample.docs.contracts.Orders.PlaceOrder;
import io.clamator.server.ServiceDefinition;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import reactor.core.publisher.Mono;

/** The contract forms of docs/contracts.md, called through the memory transport. */
@ActiveProfiles("docs")
@ClamatorTest(services = OrdersService.class)
class ContractExamplesTests {

    @ClamatorClient
    Orders orders;

    @ClamatorClient
    OrderQueries queries;

    @MockitoSpyBean
    OrdersService service;

    @Test
    void everyReturnForm() {
        Orders.Summary before = orders.summary();
        String orderId = orders.place(new PlaceOrder("apple", 2)).orderId();
        assertThat(orders.quote(new Orders.QuoteRequest("apple", 2)).join().total()).isEqualTo(5.0);
        assertThat(orders.status(new OrderRef(orderId)).block().state()).isEqualTo("placed");
        assertThat(orders.summary().open()).isEqualTo(before.open() + 1);
        assertThat(orders.prices(new Orders.PriceListRequest("EUR")).prices()).hasSize(2);
        orders.cancelled(new OrderRef(orderId));
        await().atMost(Duration.ofSeconds(5)).until(() -> orders.summary().cancelled() == before.cancelled() + 1);
    }

    @Test
    void aMonoCallsWhenSubscribedAndOnEverySubscription() {
        String orderId = orders.placeOne("pear").orderId();
        AtomicInteger calls = new AtomicInteger();
        Mono<Orders.OrderStatus> status = orders.status(new OrderRef(orderId)).doOnSubscribe(s -> calls.incrementAndGet());
        assertThat(calls).hasValue(0);
        status.block();
        status.block();
        assertThat(calls).hasValue(2);
        org.mockito.Mockito.verify(service, org.mockito.Mockito.times(2)).status(new OrderRef(orderId));
    }

    @Test
    void defaultMethodsRunLocally() {
        assertThat(Proxy.isProxyClass(orders.getClass())).isTrue();
        assertThat(orders.placeOne("plum").orderId()).isNotBlank();
        org.mockito.Mockito.verify(service).place(new PlaceOrder("plum", 1));
    }

    @Test
    void severalJavaMethodsForOneWireMethod() {
        String orderId = orders.place(new PlaceOrder("kiwi", 1)).orderId();
        assertThat(queries.status(new OrderRef(orderId)).state()).isEqualTo("placed");
        assertThat(queries.statusAsync(new OrderRef(orderId)).join().state()).isEqualTo("placed");
        assertThat(queries.statusMono(new OrderRef(orderId)).block().state()).isEqualTo("placed");
        assertThatThrownBy(() -> ServiceDefinition.of(OrderQueries.class, new QueriesImplementation()))
                .isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("exactly one handler method per wire method");
    }

    @Test
    void applicationErrorsFromAMono() {
        assertThatThrownBy(() -> orders.status(new OrderRef("nope")).block())
                .isInstanceOfSatisfying(RpcException.class, error -> {
                    assertThat(error.code()).isEqualTo(OrdersService.UNKNOWN_ORDER);
                    assertThat(error.data().toString()).isEqualTo("{\"orderId\":\"nope\"}");
                });
    }

    static class QueriesImplementation implements OrderQueries {

        @Override
        public Orders.OrderStatus status(OrderRef ref) {
            return null;
        }

        @Override
        public java.util.concurrent.CompletableFuture<Orders.OrderStatus> statusAsync(OrderRef ref) {
            return null;
        }

        @Override
        public Mono<Orders.OrderStatus> statusMono(OrderRef ref) {
            return null;
        }
    }
}
