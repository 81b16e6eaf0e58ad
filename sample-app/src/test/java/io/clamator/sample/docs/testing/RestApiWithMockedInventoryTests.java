package io.clamator.sample.docs.testing;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.test.autoconfigure.AutoConfigureClamatorMemoryTransport;
import io.clamator.protocol.RpcException;
import io.clamator.sample.inventory.Inventory;
import io.clamator.sample.inventory.Inventory.StockLevelResult;
import io.clamator.sample.inventory.Inventory.StockLevelParams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The whole application without Redis; the REST layer's clamator client is a mock. */
@SpringBootTest
@AutoConfigureClamatorMemoryTransport
class RestApiWithMockedInventoryTests {

    @MockitoBean
    @ClamatorClient
    Inventory inventory;

    @Autowired
    WebApplicationContext context;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).build();
    }

    @Test
    void answersFromTheService() throws Exception {
        given(inventory.stockLevel(new StockLevelParams("fig"))).willReturn(new StockLevelResult("fig", 7, 1));
        mvc.perform(get("/api/stock/fig"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.available").value(7));
    }

    @Test
    void mapsInvalidParamsToBadRequest() throws Exception {
        given(inventory.stockLevel(new StockLevelParams("fig"))).willThrow(new RpcException(-32602, "Invalid params"));
        mvc.perform(get("/api/stock/fig"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value(-32602));
    }
}
