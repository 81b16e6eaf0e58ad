package io.clamator.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.test.autoconfigure.ClamatorTest;
import io.clamator.protocol.RpcException;
import io.clamator.sample.inventory.Inventory;
import io.clamator.sample.inventory.InventoryErrors;
import io.clamator.sample.inventory.InventoryService;
import org.junit.jupiter.api.Test;

/** The inventory service alone, called through clamator over the memory transport: no Redis, no web. */
@ClamatorTest(services = InventoryService.class)
class InventoryServiceClamatorTests {

    @ClamatorClient
    Inventory inventory;

    @Test
    void answersStockLevels() {
        assertThat(inventory.stockLevel(new Inventory.StockLevelParams("plum")))
                .isEqualTo(new Inventory.StockLevelResult("plum", 3, 0));
    }

    @Test
    void reportsShortagesAsApplicationErrors() {
        assertThatThrownBy(() -> inventory.reserve(new Inventory.ReserveParams("plum", 4, "o-9")))
                .isInstanceOfSatisfying(RpcException.class, error -> {
                    assertThat(error.code()).isEqualTo(InventoryErrors.INSUFFICIENT_STOCK);
                    assertThat(error.data().toString()).isEqualTo("{\"sku\":\"plum\",\"available\":3,\"requested\":4}");
                    assertThat(error.data(InventoryErrors.Shortage.class)).isEqualTo(new InventoryErrors.Shortage("plum", 3, 4));
                });
    }

    @Test
    void validatesParamsOnTheServingSide() {
        assertThatThrownBy(() -> inventory.stockLevel(new Inventory.StockLevelParams("")))
                .isInstanceOfSatisfying(RpcException.class, error -> assertThat(error.code()).isEqualTo(-32602));
    }
}
