package io.clamator.sample.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.ClamatorClient;
import io.clamator.client.RpcClient;
import io.clamator.sample.inventory.Inventory;
import io.clamator.transport.memory.MemoryRpcClient;
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
    RpcClient client;

    @Test
    void theTestProfileSelectsTheMemoryTransport() {
        assertThat(client).isInstanceOf(MemoryRpcClient.class);
        assertThat(inventory.stockLevel(new Inventory.StockQuery("pear")).available()).isEqualTo(40);
    }
}
