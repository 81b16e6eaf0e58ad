package io.clamator.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.client.ClientOptions;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.fixtures.Notifications;
import io.clamator.fixtures.RefusingMetrics;
import io.clamator.metrics.ClamatorMeters;
import io.clamator.metrics.ClamatorMetrics;
import io.clamator.server.ServerOptions;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcClient;
import io.clamator.transport.memory.MemoryRpcServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** A start that fails part of the way, here on a custom metrics implementation, leaves nothing behind. */
class FailedStartTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ClamatorMetrics recorded = ClamatorMetrics.of(registry);
    private final MemoryBus bus = new MemoryBus();

    @Test
    void aServerWhoseMetricsFailServesNothingAndLeavesNoGaugeSource() {
        MemoryRpcServer broken = new MemoryRpcServer(bus,
                ServerOptions.builder().metrics(new RefusingMetrics(recorded, "watchLoad", "notifications")).build());
        broken.register(Arith.class, new ArithService());
        broken.register(Notifications.class, params -> { });

        assertThatThrownBy(broken::start).hasMessage("metrics broken");
        assertThat(broken.isRunning()).isFalse();
        assertThatThrownBy(broken::start).as("a failed start stops the server for good").hasMessageContaining("has been stopped");
        assertThat(registry.get(ClamatorMeters.HANDLERS_ACTIVE).tag(ClamatorMeters.SERVICE, "arith").gauge().value())
                .as("the watch added before the failure is ended").isNaN();

        MemoryRpcServer healthy = new MemoryRpcServer(bus);
        healthy.register(Arith.class, new ArithService());
        healthy.start();
        MemoryRpcClient client = new MemoryRpcClient(bus);
        client.start();
        try {
            assertThat(client.proxy(Arith.class).add(new Arith.AddParams(2, 3)).sum())
                    .as("the failed server left the service free on the bus").isEqualTo(5);
        } finally {
            client.stop();
            healthy.stop();
        }
    }

    @Test
    void aClientWhoseMetricsFailIsNotRunningAndLeavesNoGaugeSource() {
        MemoryRpcClient client = new MemoryRpcClient(bus, ClientOptions.defaults().withMetrics(new RefusingMetrics(recorded, "watchCalls", null)));

        assertThatThrownBy(client::start).hasMessage("metrics broken");
        assertThat(client.isRunning()).isFalse();
        assertThatThrownBy(client::start).as("a failed start stops the client for good").hasMessageContaining("has been stopped");
        assertThat(registry.get(ClamatorMeters.CLIENT_CALLS_ACTIVE).gauge().value()).as("no source was added").isNaN();
    }
}
