package io.clamator.boot.autoconfigure.endpoint;

import io.clamator.boot.autoconfigure.ClamatorProperties;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClients;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.server.ClamatorServerLifecycle;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisConnection;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration;
import io.clamator.transport.redis.RedisServiceStreams;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@code clamator} Actuator endpoint, when Actuator is present and the endpoint is available
 * (like every endpoint, it must be exposed, e.g. {@code management.endpoints.web.exposure.include=clamator},
 * before it can be reached over HTTP). It needs {@code clamator-redis}, which the starter brings.
 */
@AutoConfiguration(after = {ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class,
        ClamatorRedisTransportAutoConfiguration.class})
@ConditionalOnClass({Endpoint.class, RedisServiceStreams.class})
@ConditionalOnAvailableEndpoint(ClamatorEndpoint.class)
@EnableConfigurationProperties({ClamatorEndpointProperties.class, ClamatorProperties.class})
public final class ClamatorEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClamatorEndpoint clamatorEndpoint(ObjectProvider<ClamatorServerLifecycle> server, ObjectProvider<ClamatorClients> clients,
            ObjectProvider<ClamatorRedisConnection> redis, ClamatorEndpointProperties properties, ClamatorProperties clamator) {
        ClamatorRedisConnection connection = redis.getIfUnique();
        ClamatorRedisView view = (connection != null) ? new ClamatorRedisView(connection, clamator.getRedis().getCommandTimeout()) : null;
        return new ClamatorEndpoint(server.getIfUnique(), clients.getIfUnique(), view, properties.getShowValues(), properties.getRoles());
    }
}
