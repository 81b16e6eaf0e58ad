package io.clamator.sample.docs.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.test.autoconfigure.ClamatorTest;
import io.clamator.client.RpcClient;
import io.clamator.protocol.ErrorCodes;
import io.clamator.protocol.RpcException;
import io.clamator.sample.docs.contracts.Orders;
import io.clamator.sample.docs.contracts.Orders.PlaceOrder;
import io.clamator.sample.docs.contracts.OrdersService;
import io.clamator.sample.docs.contracts.Shipping;
import io.clamator.sample.docs.serving.FeatureFlags.Flag;
import io.clamator.sample.docs.serving.FeatureFlags.FlagList;
import io.clamator.sample.docs.serving.FeatureFlags.FlagQuery;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** The serving examples of docs/serving.md and docs/contracts.md, over the memory transport. */
@ActiveProfiles("docs")
@ClamatorTest(services = OrdersService.class)
@Import(ServingConfiguration.class)
class ServingExamplesTests {

    @ClamatorClient
    Orders orders;

    @ClamatorClient
    Shipping shipping;

    @Autowired
    RpcClient client;

    @Test
    void aBeanMethodServesAContract() {
        Shipping.Parcel parcel = new Shipping.Parcel("apple", 2, 1.5, true, Shipping.Size.SMALL, Optional.empty(), null, null,
                List.of(), new Shipping.Dimensions(1, 1), null, null);
        assertThat(shipping.label(parcel)).isEqualTo(new Shipping.Label("TRK-apple", 9.5));
    }

    @Test
    void aHandBuiltServiceIsCalledByName() {
        client.notify("flags", "set", new Flag("beta", true));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.call("flags", "get", new FlagQuery("beta"), Flag.class).enabled());
        assertThat(client.call("flags", "all", null, FlagList.class).flags()).contains(new Flag("beta", true));
        assertThat(client.call("flags", "get", new FlagQuery("gamma"), Flag.class)).isEqualTo(new Flag("gamma", false));
    }

    @Test
    void invalidParamsAreAnsweredWithTheirPaths() {
        assertThatThrownBy(() -> orders.place(new PlaceOrder("", 0)))
                .isInstanceOfSatisfying(RpcException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
                    assertThat(error.getMessage()).isEqualTo("Invalid params");
                    JsonNode errors = ((JsonNode) error.data()).get("errors");
                    assertThat(errors).hasSize(2);
                    assertThat(errors.get(0).get("path").stringValue()).isEqualTo("quantity");
                    assertThat(errors.get(1).get("path").stringValue()).isEqualTo("sku");
                    if (Locale.getDefault().getLanguage().equals("en")) {
                        assertThat(error.data().toString()).isEqualTo("{\"errors\":[{\"path\":\"quantity\",\"message\":"
                                + "\"must be greater than 0\"},{\"path\":\"sku\",\"message\":\"must not be blank\"}]}");
                    }
                });
        assertThatThrownBy(() -> client.call("orders", "place", Map.of("sku", "apple", "quantity", "two"), JsonNode.class))
                .isInstanceOfSatisfying(RpcException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
                    assertThat(((JsonNode) error.data()).get("errors").get(0).get("path").stringValue()).isEqualTo("quantity");
                });
    }

    @Test
    void unexpectedFailuresAreInternalErrors() {
        assertThatThrownBy(() -> orders.place(new PlaceOrder("discontinued-fig", 1)))
                .isInstanceOfSatisfying(RpcException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
                    assertThat(error.getMessage()).isEqualTo("Internal error");
                    assertThat(error.data().toString())
                            .isEqualTo("{\"name\":\"IllegalStateException\",\"message\":\"no supplier for discontinued-fig\"}");
                });
    }

    @Test
    void unknownMethodsAreMethodNotFound() {
        assertThatThrownBy(() -> client.call("orders", "refund", Map.of(), JsonNode.class))
                .isInstanceOfSatisfying(RpcException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCodes.METHOD_NOT_FOUND);
                    assertThat(error.data()).isNull();
                });
    }
}
