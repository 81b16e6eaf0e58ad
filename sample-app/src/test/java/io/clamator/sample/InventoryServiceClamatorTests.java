package io.clamator.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.test.autoconfigure.ClamatorTest;
import io.clamator.protocol.RpcException;
import io.clamator.sample.inventory.Inventory;
import io.clamator.sample.inventory.InventoryService;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The inventory service alone, called through clamator over the memory transport: no Redis, no web. */
@ClamatorTest(services = InventoryService.class)
class InventoryServiceClamatorTests {

    @ClamatorClient
    Inventory inventory;

    @Test
    void answersStockLevels() {
        assertThat(inventory.stockLevel(new Inventory.StockQuery("plum")))
                .isEqualTo(new Inventory.StockLevel("plum", 3, 0));
    }

    @Test
    void reportsShortagesAsApplicationErrors() {
        assertThatThrownBy(() -> inventory.reserve(new Inventory.ReserveRequest("plum", 4, "o-9")).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(RpcException.class, error -> {
                    assertThat(error.code()).isEqualTo(Inventory.INSUFFICIENT_STOCK);
                    assertThat(error.data().toString()).isEqualTo("{\"sku\":\"plum\",\"available\":3,\"requested\":4}");
                    assertThat(error.data(Inventory.Shortage.class)).isEqualTo(new Inventory.Shortage("plum", 3, 4));
                });
    }

    @Test
    void validatesParamsOnTheServingSide() {
        assertThatThrownBy(() -> inventory.stockLevel(new Inventory.StockQuery(" ")))
                .isInstanceOfSatisfying(RpcException.class, error -> assertThat(error.code()).isEqualTo(-32602));
    }
}
