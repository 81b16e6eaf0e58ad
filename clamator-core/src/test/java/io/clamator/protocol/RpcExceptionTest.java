package io.clamator.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.json.ClamatorJson;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

class RpcExceptionTest {

    record Shortage(String skuCode, int available, BigDecimal unitPrice) {
    }

    private final ClamatorJson json = ClamatorJson.defaults();

    @Test
    void receivedDataIsATreeAndReadsAsAJavaTypeWithTheClientsMapping() {
        ClamatorJson snakeCase = ClamatorJson.builder()
                .baseMapper(JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build())
                .build();
        RpcException received = new RpcException(-32010, "insufficient stock",
                snakeCase.readTree("{\"sku_code\":\"plum\",\"available\":3,\"unit_price\":\"0.60\"}"), snakeCase.mapper());
        assertThat(received.data().get("sku_code").stringValue()).isEqualTo("plum");
        assertThat(received.data(Shortage.class)).isEqualTo(new Shortage("plum", 3, new BigDecimal("0.60")));
    }

    @Test
    void absentDataIsNullEitherWay() {
        assertThat(new RpcException(-32000, "no data").data()).isNull();
        assertThat(new RpcException(-32000, "no data").data(Shortage.class)).isNull();
        RpcException nullOnTheWire = new RpcException(-32000, "no data", NullNode.getInstance(), json.mapper());
        assertThat(nullOnTheWire.data()).isNull();
        assertThat(nullOnTheWire.dataValue()).isNull();
    }

    @Test
    void dataThatDoesNotFitTheTypeSaysSo() {
        RpcException received = new RpcException(-32010, "insufficient stock", json.readTree("{\"available\":\"many\"}"), json.mapper());
        assertThatThrownBy(() -> received.data(Shortage.class))
                .isInstanceOf(ClamatorProtocolException.class)
                .hasMessageStartingWith("the data of error -32010 (insufficient stock) does not fit Shortage: ");
    }

    @Test
    void aHandlersDataIsKeptAsGivenForTheServerToWrite() {
        Shortage shortage = new Shortage("plum", 3, BigDecimal.ONE);
        RpcException thrown = new RpcException(-32010, "insufficient stock", shortage);
        assertThat(thrown.dataValue()).isSameAs(shortage);
        assertThat(thrown.data(Shortage.class)).isSameAs(shortage);
        assertThat(thrown.data().get("skuCode").stringValue()).isEqualTo("plum");
    }
}
