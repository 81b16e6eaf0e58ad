package io.clamator.boot.test.apps.calculator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.test.apps.contracts.Arith;
import io.clamator.boot.test.autoconfigure.ClamatorTest;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.transport.memory.MemoryBus;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two test contexts, both cached while the other runs, each on its own bus: the one that does
 * not serve {@code arith} never reaches the other's service.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class SeparateBusesTests {

    static final Set<MemoryBus> BUSES = Collections.newSetFromMap(new IdentityHashMap<>());

    @Nested
    @Order(1)
    @ClamatorTest(services = ArithService.class)
    class Serving {

        @Autowired
        MemoryBus bus;

        @ClamatorClient
        Arith arith;

        @Test
        void servesArithOnItsOwnBus() {
            BUSES.add(bus);
            assertThat(arith.add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
            assertThat(bus.services("clamator")).containsExactly("arith");
        }
    }

    @Nested
    @Order(2)
    @ClamatorTest(services = ArithService.class, properties = {"clamator.server.enabled=false", "clamator.client.default-timeout=300ms"})
    class NotServing {

        @Autowired
        MemoryBus bus;

        @ClamatorClient
        Arith arith;

        @Test
        void neverReachesTheOtherContextsService() {
            BUSES.add(bus);
            assertThat(bus.services("clamator")).isEmpty();
            assertThatThrownBy(() -> arith.add(new Arith.AddParams(1, 1))).as("nobody serves it here: it times out, as over Redis")
                    .isInstanceOf(ClamatorTimeoutException.class);
            assertThat(BUSES).as("the serving context (still cached) has a bus of its own").hasSize(2);
        }
    }
}
