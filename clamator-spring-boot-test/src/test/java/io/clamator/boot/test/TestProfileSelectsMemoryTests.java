package io.clamator.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.autoconfigure.server.ClamatorServerLifecycle;
import io.clamator.boot.test.apps.calculator.CalculatorApplication;
import io.clamator.boot.test.apps.contracts.Arith;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** With the {@code test} profile active and no transport set, the application runs on memory. */
@SpringBootTest(classes = CalculatorApplication.class)
@ActiveProfiles("test")
class TestProfileSelectsMemoryTests {

    @Autowired
    ClamatorServerLifecycle server;

    @Autowired
    MemoryBus bus;

    @ClamatorClient
    Arith arith;

    @Test
    void servesOnTheContextsOwnBus() {
        assertThat(server.server()).isInstanceOf(MemoryRpcServer.class);
        assertThat(bus.services("clamator")).containsExactly("arith");
        assertThat(arith.add(new Arith.AddParams(2, 2)).sum()).isEqualTo(4);
    }

    @Test
    void testMethodParametersCanAskForClientsToo(@ClamatorClient Arith parameter) {
        assertThat(parameter).isSameAs(arith);
    }
}
