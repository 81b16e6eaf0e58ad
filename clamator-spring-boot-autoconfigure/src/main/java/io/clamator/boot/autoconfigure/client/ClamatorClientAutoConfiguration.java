package io.clamator.boot.autoconfigure.client;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.ClamatorProperties;
import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
        return client(factory, properties.getKeyPrefix(), instanceId(properties), options, "the application's own");
    }

    @Bean
    @ConditionalOnMissingBean
    ClamatorClients clamatorClients(RpcClient client, RpcClientFactory factory, ClamatorProperties properties,
            ClientOptions options) {
        Set<String> replyStreams = new HashSet<>();
        replyStreams.add(properties.getKeyPrefix() + ":" + instanceId(properties));
        Map<String, RpcClient> backends = new LinkedHashMap<>();
        properties.getBackends().forEach((name, backend) -> {
            String keyPrefix = properties.backendKeyPrefix(name);
            Duration timeout = backend.getDefaultTimeout() != null ? backend.getDefaultTimeout() : options.defaultTimeout();
            String instanceId = uniqueInstanceId(replyStreams, keyPrefix, instanceId(properties));
            backends.put(name, client(factory, keyPrefix, instanceId, options.withDefaultTimeout(timeout), "backend '" + name + "'"));
        });
        return new ClamatorClients(client, backends);
    }

    private static RpcClient client(RpcClientFactory factory, String keyPrefix, String instanceId, ClientOptions options,
            String role) {
        return new RestartableRpcClient(() -> factory.create(keyPrefix, instanceId, options), options.defaultTimeout(), role, keyPrefix);
    }

    private static String instanceId(ClamatorProperties properties) {
        return StringUtils.hasText(properties.getInstanceId()) ? properties.getInstanceId() : null;
    }

    /**
     * The configured instance id, or {@code <id>-2}, {@code <id>-3}... for further clients of the
     * same key prefix: each client needs a reply stream of its own. {@code null} (random ids) stays.
     */
    private static String uniqueInstanceId(Set<String> replyStreams, String keyPrefix, String instanceId) {
        if (instanceId == null) {
            return null;
        }
        String candidate = instanceId;
        for (int n = 2; !replyStreams.add(keyPrefix + ":" + candidate); n++) {
            candidate = instanceId + "-" + n;
        }
        return candidate;
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
