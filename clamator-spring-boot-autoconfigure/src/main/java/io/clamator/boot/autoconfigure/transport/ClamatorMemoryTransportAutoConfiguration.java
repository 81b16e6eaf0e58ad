package io.clamator.boot.autoconfigure.transport;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.ClamatorTransport;
import io.clamator.boot.autoconfigure.ConditionalOnClamatorTransport;
import io.clamator.boot.autoconfigure.client.RpcClientFactory;
import io.clamator.server.RpcServer;
import io.clamator.server.ServerOptions;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcClient;
import io.clamator.transport.memory.MemoryRpcServer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the in-process memory transport, for tests: one {@link MemoryBus} per application context,
 * with a {@link MemoryRpcServer} and {@link MemoryRpcClient memory clients} on it. Used when
 * {@code clamator.transport=memory}, or when it is not set and a test profile is active.
 *
 * <p>Key prefixes play no part over memory: every client of the context, whatever its backend,
 * reaches the services served on the context's bus.
 */
@AutoConfiguration(after = ClamatorAutoConfiguration.class)
@ConditionalOnClass(MemoryBus.class)
@ConditionalOnClamatorTransport(ClamatorTransport.MEMORY)
public final class ClamatorMemoryTransportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MemoryBus clamatorMemoryBus() {
        return new MemoryBus();
    }

    @Bean
    @ConditionalOnMissingBean(RpcServer.class)
    @ConditionalOnBooleanProperty(name = "clamator.server.enabled", matchIfMissing = true)
    @ConditionalOnBean(ServerOptions.class)
    MemoryRpcServer clamatorRpcServer(MemoryBus bus, ServerOptions options) {
        return new MemoryRpcServer(bus, options);
    }

    @Bean
    @ConditionalOnMissingBean
    RpcClientFactory clamatorRpcClientFactory(MemoryBus bus) {
        return (keyPrefix, options) -> new MemoryRpcClient(bus, options);
    }
}
