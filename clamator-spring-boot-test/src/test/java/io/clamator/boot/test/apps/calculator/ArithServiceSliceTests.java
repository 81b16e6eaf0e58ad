package io.clamator.boot.test.apps.calculator;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.autoconfigure.server.ClamatorServerLifecycle;
import io.clamator.boot.test.apps.contracts.Arith;
import io.clamator.boot.test.autoconfigure.ClamatorTest;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@ClamatorTest(services = ArithService.class)
class ArithServiceSliceTests {

    @ClamatorClient
    Arith arith;

    @Autowired
    ArithService service;

    @Autowired
    ApplicationContext context;

    @Test
    void callsTheServiceThroughTheMemoryTransport() {
        assertThat(arith.add(new Arith.AddParams(1, 2)).sum()).isEqualTo(3);
        assertThat(service.calls).hasPositiveValue();
        assertThat(context.getBean(ClamatorServerLifecycle.class).server()).isInstanceOf(MemoryRpcServer.class);
        assertThat(context.getBean(MemoryBus.class).services("clamator")).containsExactly("arith");
    }

    @Test
    void startsOnlyTheClamatorSide() {
        assertThat(context.getBeanNamesForType(AuditLog.class)).isEmpty();
        assertThat(context.getBeanNamesForType(
                org.springframework.data.redis.connection.RedisConnectionFactory.class)).isEmpty();
    }
}
