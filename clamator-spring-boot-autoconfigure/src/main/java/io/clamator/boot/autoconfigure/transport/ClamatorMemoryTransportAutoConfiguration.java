package io.clamator.boot.autoconfigure.transport;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.ClamatorProperties;
import io.clamator.boot.autoconfigure.ClamatorTransport;
import io.clamator.boot.autoconfigure.ClamatorTransportSelection;
import io.clamator.boot.autoconfigure.ConditionalOnClamatorTransport;
import io.clamator.boot.autoconfigure.client.RpcClientFactory;
import io.clamator.boot.autoconfigure.server.RpcServerFactory;
import io.clamator.server.ServerOptions;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcClient;
import io.clamator.transport.memory.MemoryRpcServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the in-process memory transport, for tests: one {@link MemoryBus} per application context,
 * with {@link MemoryRpcServer memory servers} and {@link MemoryRpcClient memory clients} on it.
 * Used when {@code clamator.transport=memory}, or when it is not set and a test profile is active.
 *
 * <p>As over Redis, a service is reached under its key prefix only, a service runs at most its
 * {@code clamator.server.concurrency} of handlers at once, and requests over
 * {@code clamator.server.max-payload-size} are answered with an error unread.
 */
@AutoConfiguration(after = ClamatorAutoConfiguration.class)
@ConditionalOnClass(MemoryBus.class)
@ConditionalOnClamatorTransport(ClamatorTransport.MEMORY)
public final class ClamatorMemoryTransportAutoConfiguration {

    /**
     * The name of the bean that marks an application context as a test's; the test support module
     * registers it in every test's context. Without it, an active memory transport is announced at
     * WARN: an application that runs on it serves and calls nothing over Redis.
     */
    public static final String TEST_CONTEXT_MARKER = "clamatorTestContext";

    private static final Log logger = LogFactory.getLog(ClamatorMemoryTransportAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    MemoryBus clamatorMemoryBus(ConfigurableListableBeanFactory beanFactory, Environment environment) {
        if (!beanFactory.containsBean(TEST_CONTEXT_MARKER)) {
            logger.warn("clamator runs on the memory transport outside a test (" + ClamatorTransportSelection.of(environment,
                    beanFactory.getBeanClassLoader()).reason() + "): its calls stay inside this JVM, and nothing is served or"
                    + " called over Redis");
        }
        return new MemoryBus();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "clamator.server.enabled", matchIfMissing = true)
    @ConditionalOnBean(ServerOptions.class)
    RpcServerFactory clamatorRpcServerFactory(MemoryBus bus, ClamatorProperties properties, ServerOptions options) {
        return () -> new MemoryRpcServer(bus, properties.getKeyPrefix(), options);
    }

    @Bean
    @ConditionalOnMissingBean
    RpcClientFactory clamatorRpcClientFactory(MemoryBus bus) {
        return (keyPrefix, instanceId, options) -> new MemoryRpcClient(bus, keyPrefix, options);
    }
}
