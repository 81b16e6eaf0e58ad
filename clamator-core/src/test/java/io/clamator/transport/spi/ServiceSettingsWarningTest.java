package io.clamator.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.server.ServerOptions;
import io.clamator.testing.LogCapture;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A per-service setting for a service the server does not serve is named at start: most likely a misspelt name. */
class ServiceSettingsWarningTest {

    @Test
    void settingsForServicesNotServedAreNamedAtStart() {
        try (LogCapture logs = LogCapture.of(AbstractRpcServer.class)) {
            MemoryRpcServer server = new MemoryRpcServer(new MemoryBus(), ServerOptions.builder()
                    .concurrency("arith", 4).concurrency("orderbook", 8).handlerTimeout("Arith", Duration.ofSeconds(1)).build());
            server.register(Arith.class, new ArithService());
            server.start();
            server.stop();

            assertThat(logs.at(Level.WARN)).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                    .startsWith("clamator server: settings are given for services [Arith, orderbook] that this server does not"
                            + " serve (it serves [arith])");
        }
    }
}
