package io.clamator.sample.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.ClamatorClient;
import io.clamator.sample.inventory.Inventory;
import io.clamator.transport.memory.MemoryBus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class TestProfileTests {

    @ClamatorClient
    Inventory inventory;

    @Autowired
    MemoryBus bus;

    @Test
    void theTestProfileSelectsTheMemoryTransport() {
        assertThat(bus.services("sample")).contains("inventory");
        assertThat(inventory.stockLevel(new Inventory.StockLevelParams("pear")).available()).isEqualTo(40);
    }
}
