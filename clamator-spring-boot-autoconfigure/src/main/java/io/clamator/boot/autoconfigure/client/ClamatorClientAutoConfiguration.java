package io.clamator.boot.autoconfigure.client;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.ClamatorProperties;
import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the clamator clients: the application's {@link RpcClient}, one client per backend configured
 * under {@code clamator.backends.<name>} ({@link ClamatorClients}), the typed proxies injected
 * with {@link io.clamator.boot.ClamatorClient @ClamatorClient}, and the lifecycle that runs the
 * clients with the context ({@link ClamatorClientLifecycle}).
 */
@AutoConfiguration(after = ClamatorAutoConfiguration.class,
        afterName = {"io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration",
                "io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration"})
@ConditionalOnBean(RpcClientFactory.class)
public final class ClamatorClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RpcClient clamatorRpcClient(RpcClientFactory factory, ClamatorProperties properties, ClientOptions options) {
        return factory.create(properties.getKeyPrefix(), options);
    }

    @Bean
    @ConditionalOnMissingBean
    ClamatorClients clamatorClients(RpcClient client, RpcClientFactory factory, ClamatorProperties properties,
            ClientOptions options) {
        Map<String, RpcClient> backends = new LinkedHashMap<>();
        properties.getBackends().forEach((name, backend) -> {
            String keyPrefix = StringUtils.hasText(backend.getKeyPrefix()) ? backend.getKeyPrefix() : name;
            Duration timeout = backend.getDefaultTimeout() != null ? backend.getDefaultTimeout() : options.defaultTimeout();
            backends.put(name, factory.create(keyPrefix, options.withDefaultTimeout(timeout)));
        });
        return new ClamatorClients(client, backends);
    }

    @Bean
    @Lazy(false)
    @ConditionalOnMissingBean
    ClamatorClientLifecycle clamatorClientLifecycle(ClamatorClients clients) {
        return new ClamatorClientLifecycle(clients);
    }

    @Bean
    @ConditionalOnMissingBean
    static ClamatorClientRegistrar clamatorClientRegistrar() {
        return new ClamatorClientRegistrar();
    }

    @Bean
    @ConditionalOnMissingBean
    static ClamatorClientFieldInjector clamatorClientFieldInjector() {
        return new ClamatorClientFieldInjector();
    }
}
