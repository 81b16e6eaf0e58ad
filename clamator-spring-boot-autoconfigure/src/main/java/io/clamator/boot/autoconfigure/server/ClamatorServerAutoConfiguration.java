package io.clamator.boot.autoconfigure.server;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the clamator server's place in the application: serves the
 * {@link io.clamator.boot.ClamatorService @ClamatorService} beans on a server of the transport's
 * {@link RpcServerFactory}, run with the context ({@link ClamatorServerLifecycle}). Off with
 * {@code clamator.server.enabled=false}.
 */
@AutoConfiguration(after = ClamatorAutoConfiguration.class,
        afterName = {"io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration",
                "io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "clamator.server.enabled", matchIfMissing = true)
@ConditionalOnBean(RpcServerFactory.class)
public final class ClamatorServerAutoConfiguration {

    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    ClamatorServerLifecycle clamatorServerLifecycle(RpcServerFactory serverFactory, ListableBeanFactory beanFactory) {
        return new ClamatorServerLifecycle(serverFactory, beanFactory);
    }
}
