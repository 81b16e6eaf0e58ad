package io.clamator.sample;

import io.clamator.boot.ClamatorClient;
import io.clamator.sample.inventory.Inventory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Makes one call through clamator once the application is ready, so the log shows a round trip. */
@Component
class StartupRoundTrip {

    private static final Logger log = LoggerFactory.getLogger(StartupRoundTrip.class);

    private final Inventory inventory;

    StartupRoundTrip(@ClamatorClient Inventory inventory) {
        this.inventory = inventory;
    }

    @EventListener(ApplicationReadyEvent.class)
    void callOnce() {
        long started = System.nanoTime();
        Inventory.StockLevelResult apples = inventory.stockLevel(new Inventory.StockLevelParams("apple"));
        log.info("clamator round trip: inventory.stockLevel(apple) -> {} in {} ms", apples, (System.nanoTime() - started) / 1_000_000);
    }
}
