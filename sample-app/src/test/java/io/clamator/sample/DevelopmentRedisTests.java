package io.clamator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.ClamatorClient;
import io.clamator.sample.inventory.Inventory;
import io.clamator.test.redis.TestRedisServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;

/** The development run: with no Redis configured, a local one is started and used. */
@SpringBootTest(classes = {SampleApplication.class, DevelopmentRedis.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DevelopmentRedisTests {

    @Autowired
    TestRedisServer developmentRedis;

    @Autowired
    DataRedisConnectionDetails connection;

    @ClamatorClient
    Inventory inventory;

    @Test
    void startsALocalRedisAndServesThroughIt() {
        assertThat(developmentRedis.isRunning()).isTrue();
        assertThat(connection.getStandalone().getPort()).isEqualTo(developmentRedis.port());
        assertThat(inventory.stockLevel(new Inventory.StockLevelParams("apple")).available()).isEqualTo(120);
    }
}
