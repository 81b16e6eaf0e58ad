package io.clamator.boot.autoconfigure.transport;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.ClamatorTransport;
import io.clamator.boot.autoconfigure.ConditionalOnClamatorTransport;
import io.clamator.transport.redis.RedisRpcClient;
import io.clamator.transport.redis.RedisRpcServer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the Redis Streams transport: {@link RedisRpcServer Redis servers} and {@link RedisRpcClient Redis
 * clients} sharing one Lettuce client ({@link ClamatorRedisConnection}), built from the
 * {@code clamator.*} properties and the {@link RedisRpcServerBuilderCustomizer} and
 * {@link RedisRpcClientBuilderCustomizer} beans; flush consolidation added to Boot's Lettuce
 * resources unless {@code clamator.redis.flush-consolidation=false}. Redis is found, in this order, at
 * {@code clamator.redis.url}, through the application's own Redis configuration
 * ({@code spring.data.redis.*}, {@link DataRedisConnectionDetails}), at {@code $REDIS_URL}, or at
 * {@code redis://localhost:6379}. Used unless the memory transport is selected.
 *
 * <p>Without Lettuce on the classpath (a Jedis-only application), the startup fails with
 * {@link LettuceRequiredException}; without {@code clamator-redis}, with
 * {@link RedisModuleRequiredException}.
 */
@AutoConfiguration(after = ClamatorAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClamatorTransport(ClamatorTransport.REDIS)
@Import({RedisTransportConfigurations.LettuceMissingConfiguration.class,
        RedisTransportConfigurations.RedisModuleMissingConfiguration.class,
        RedisTransportConfigurations.ConnectionDetailsConfiguration.class,
        RedisTransportConfigurations.FlushConsolidationConfiguration.class,
        RedisTransportConfigurations.ReconnectDelayConfiguration.class,
        RedisTransportConfigurations.RedisTransportConfiguration.class})
public final class ClamatorRedisTransportAutoConfiguration {
}
