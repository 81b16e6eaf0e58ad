package io.clamator.sample.web;

import io.clamator.boot.ClamatorClient;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.RpcException;
import io.clamator.sample.inventory.Inventory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The REST front end. It calls the inventory through clamator, like any other service would,
 * even though this application also serves it.
 */
@RestController
@RequestMapping("/api")
class InventoryController {

    private final Inventory inventory;

    InventoryController(@ClamatorClient Inventory inventory) {
        this.inventory = inventory;
    }

    @GetMapping("/stock/{sku}")
    Inventory.StockLevel stock(@PathVariable String sku) {
        return inventory.stockLevel(new Inventory.StockQuery(sku));
    }

    @PostMapping("/reservations")
    CompletableFuture<Inventory.Reservation> reserve(@RequestBody Inventory.ReserveRequest request) {
        return inventory.reserve(request);
    }

    @PostMapping("/restock")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void restock(@RequestBody Inventory.Restock restock) {
        inventory.restocked(restock);
    }

    /** Maps an error answered by the service to an HTTP status, keeping its code, message and data. */
    @ExceptionHandler(RpcException.class)
    ResponseEntity<Map<String, Object>> rpcError(RpcException error) {
        HttpStatus status = switch (error.code()) {
            case Inventory.INSUFFICIENT_STOCK -> HttpStatus.CONFLICT;
            case -32602 -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.BAD_GATEWAY;
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", error.getMessage());
        body.put("data", error.data());
        return ResponseEntity.status(status).body(body);
    }

    @ExceptionHandler(ClamatorTimeoutException.class)
    ResponseEntity<Map<String, Object>> timeout(ClamatorTimeoutException error) {
        return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(Map.of("message", error.getMessage()));
    }
}
