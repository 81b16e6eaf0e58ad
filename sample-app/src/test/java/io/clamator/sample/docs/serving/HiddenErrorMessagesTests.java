package io.clamator.sample.docs.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.test.autoconfigure.ClamatorTest;
import io.clamator.protocol.RpcException;
import io.clamator.sample.docs.contracts.Orders;
import io.clamator.sample.docs.contracts.OrdersService;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;

/** clamator.server.expose-error-messages=false: -32603 replies name the exception type only. */
@ActiveProfiles("docs")
@ClamatorTest(services = OrdersService.class, properties = "clamator.server.expose-error-messages=false")
class HiddenErrorMessagesTests {

    @ClamatorClient
    Orders orders;

    @Test
    void internalErrorsCarryTheTypeOnly() {
        assertThatThrownBy(() -> orders.place(new Orders.PlaceOrder("discontinued-fig", 1)))
                .isInstanceOfSatisfying(RpcException.class,
                        error -> assertThat(error.data().toString()).isEqualTo("{\"name\":\"IllegalStateException\"}"));
    }
}
