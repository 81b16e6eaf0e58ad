package io.clamator.sample.web;

import io.clamator.boot.ClamatorClient;
import io.clamator.sample.inventory.Inventory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST front end. It calls the inventory through clamator, like any other service would,
 * even though this application also serves it. Failed calls are answered with problem details
 * ({@code clamator.web.problem-details} in application.yml): a shortage is 409 Conflict.
 */
@RestController
@RequestMapping("/api")
class InventoryController {

    private final Inventory inventory;

    InventoryController(@ClamatorClient Inventory inventory) {
        this.inventory = inventory;
    }

    @GetMapping("/stock/{sku}")
    Inventory.StockLevelResult stock(@PathVariable String sku) {
        return inventory.stockLevel(new Inventory.StockLevelParams(sku));
    }

    @PostMapping("/reservations")
    Inventory.ReserveResult reserve(@RequestBody Inventory.ReserveParams request) {
        return inventory.reserve(request);
    }

    @PostMapping("/restock")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void restock(@RequestBody Inventory.RestockedParams restock) {
        inventory.restocked(restock);
    }
}
