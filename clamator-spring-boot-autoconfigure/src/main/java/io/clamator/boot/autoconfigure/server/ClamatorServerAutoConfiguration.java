package io.clamator.boot.autoconfigure.server;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.ClamatorProperties;
import io.clamator.server.RpcServer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the clamator server's place in the application: registers the
 * {@link io.clamator.boot.ClamatorService @ClamatorService} beans with the transport's
 * {@link RpcServer} and runs it with the context ({@link ClamatorServerLifecycle}). Off with
 * {@code clamator.server.enabled=false}.
 */
@AutoConfiguration(after = ClamatorAutoConfiguration.class,
        afterName = {"io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration",
                "io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "clamator.server.enabled", matchIfMissing = true)
@ConditionalOnBean(RpcServer.class)
public final class ClamatorServerAutoConfiguration {

    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    ClamatorServerLifecycle clamatorServerLifecycle(RpcServer server, ListableBeanFactory beanFactory,
            ObjectProvider<ClamatorHandlerExecutor> handlerExecutor, ClamatorProperties properties) {
        return new ClamatorServerLifecycle(server, beanFactory, handlerExecutor.getIfUnique(),
                properties.getServer().getShutdownGrace());
    }
}
