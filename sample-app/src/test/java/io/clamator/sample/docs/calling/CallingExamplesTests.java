package io.clamator.sample.docs.calling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.boot.test.autoconfigure.ClamatorTest;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.sample.docs.calling.CallingConfiguration.OrderReport;
import io.clamator.sample.docs.contracts.Orders;
import io.clamator.sample.docs.contracts.OrdersService;
import io.clamator.sample.docs.serving.ServingConfiguration;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** The calling examples of docs/calling.md, over the memory transport. */
@ActiveProfiles("docs")
@ClamatorTest(services = OrdersService.class)
@Import({OrderDesk.class, FlagLookup.class, CallingConfiguration.class, ServingConfiguration.class, BillingDeployment.class})
class CallingExamplesTests {

    @Autowired
    OrderDesk desk;

    @Autowired
    FlagLookup flags;

    @Autowired
    OrderReport report;

    @Autowired
    ApplicationContext context;

    @Test
    void theInjectedClientCallsThroughTheTransportEvenWithALocalService() {
        assertThat(Proxy.isProxyClass(desk.orders().getClass())).isTrue();
        assertThat(context.getBean(Orders.class)).isInstanceOf(OrdersService.class);
    }

    @Test
    void blockingCallsAndTheirErrors() {
        assertThat(desk.place("apple", 1)).isPresent();
        assertThat(desk.place("apple", 0)).isEmpty();
    }

    @Test
    void asynchronousForms() {
        assertThat(desk.total("apple", 2).join()).isEqualTo(5.0);
        assertThat(desk.total("apple", -1).join()).isEqualTo(0.0);
        assertThat(desk.state("no-such-order").block()).isEqualTo("unknown");
        assertThat(desk.placeAndBill("pear", 2, 12.5).join().amount()).isEqualTo(12.5);
        assertThat(desk.quoteWithin(Duration.ofSeconds(5), "apple", 2).join().total()).isEqualTo(5.0);
    }

    @Test
    void notifications() {
        String orderId = desk.place("plum", 1).orElseThrow();
        desk.cancel(orderId);
        await().atMost(Duration.ofSeconds(5)).until(() -> desk.stateNow(orderId).equals("cancelled"));
    }

    @Test
    void backendsByNameOrByAnnotation() {
        assertThat(desk.billing()).isSameAs(desk.sameBilling());
        assertThat(desk.billing().invoice(new Billing.InvoiceRequest("o-1", 3)).invoiceId()).isEqualTo("INV-o-1");
        assertThat(flags.invoice("o-2", 4).amount()).isEqualTo(4);
    }

    @Test
    void contractAgnosticCalls() {
        assertThat(flags.enabled("dark-mode")).isFalse();
        flags.enable("dark-mode");
        await().atMost(Duration.ofSeconds(5)).until(() -> flags.enabled("dark-mode"));
    }

    @Test
    void beanMethodParameters() {
        assertThat(report.line()).endsWith("cancelled");
    }

    @Test
    void aNotificationMethodCalledAsARequestIsNeverAnswered() {
        assertThatThrownBy(() -> context.getBean(io.clamator.client.RpcClient.class)
                .call("orders", "cancelled", new Orders.OrderRef("x"), Void.class, Duration.ofMillis(200)))
                .isInstanceOf(io.clamator.protocol.ClamatorTransportException.class);
        assertThatThrownBy(() -> context.getBean(io.clamator.client.RpcClient.class)
                .call("nobody", "home", null, Void.class, Duration.ofMillis(200)))
                .isInstanceOf(ClamatorTimeoutException.class);
        assertThat(ClamatorTimeoutException.class).isAssignableTo(io.clamator.protocol.ClamatorTransportException.class);
    }
}
