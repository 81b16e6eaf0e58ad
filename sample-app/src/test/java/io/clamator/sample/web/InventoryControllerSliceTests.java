package io.clamator.sample.web;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.test.autoconfigure.AutoConfigureClamator;
import io.clamator.boot.test.autoconfigure.AutoConfigureClamatorMemoryTransport;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.RpcException;
import io.clamator.sample.inventory.Inventory;
import io.clamator.sample.inventory.InventoryErrors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The REST layer alone, in a {@code @WebMvcTest} slice with clamator added: failed calls answer the problem details of application.yml. */
@WebMvcTest(InventoryController.class)
@AutoConfigureClamator
@AutoConfigureClamatorMemoryTransport
class InventoryControllerSliceTests {

    @MockitoBean
    @ClamatorClient
    Inventory inventory;

    @Autowired
    MockMvc mvc;

    @Test
    void aCallThatTimesOutAnswersGatewayTimeout() throws Exception {
        given(inventory.stockLevel(new Inventory.StockLevelParams("fig")))
                .willThrow(new ClamatorTimeoutException("call timeout: no reply to inventory.stockLevel within 5000 ms"));
        mvc.perform(get("/api/stock/fig")).andExpect(status().isGatewayTimeout());
    }

    @Test
    void anApplicationErrorAnswersTheStatusConfiguredForItsCode() throws Exception {
        given(inventory.stockLevel(new Inventory.StockLevelParams("fig")))
                .willThrow(new RpcException(InventoryErrors.INSUFFICIENT_STOCK, "insufficient stock"));
        mvc.perform(get("/api/stock/fig"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value(InventoryErrors.INSUFFICIENT_STOCK));
    }
}
