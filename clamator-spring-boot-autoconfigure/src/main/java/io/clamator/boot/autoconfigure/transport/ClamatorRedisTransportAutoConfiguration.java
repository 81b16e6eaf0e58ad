package io.clamator.boot.autoconfigure.transport;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.ClamatorProperties;
import io.clamator.boot.autoconfigure.ClamatorTransport;
import io.clamator.boot.autoconfigure.ConditionalOnClamatorTransport;
import io.clamator.boot.autoconfigure.client.RpcClientFactory;
import io.clamator.server.RpcServer;
import io.clamator.server.ServerOptions;
import io.clamator.transport.redis.RedisRpcClient;
import io.clamator.transport.redis.RedisRpcServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the Redis Streams transport: a {@link RedisRpcServer} and {@link RedisRpcClient Redis clients}
 * sharing one Lettuce client ({@link ClamatorRedisConnection}). Redis is found, in this order, at
 * {@code clamator.redis.url}, through the application's own Redis configuration
 * ({@code spring.data.redis.*}, {@link DataRedisConnectionDetails}), at {@code $REDIS_URL}, or at
 * {@code redis://localhost:6379}. Used unless the memory transport is selected.
 *
 * <p>Without Lettuce on the classpath (a Jedis-only application), the startup fails with
 * {@link LettuceRequiredException}.
 */
@AutoConfiguration(after = ClamatorAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(RpcServer.class)
@ConditionalOnClamatorTransport(ClamatorTransport.REDIS)
@Import({ClamatorRedisTransportAutoConfiguration.LettuceMissingConfiguration.class,
        ClamatorRedisTransportAutoConfiguration.UrlConnectionDetailsConfiguration.class,
        ClamatorRedisTransportAutoConfiguration.DataRedisConnectionDetailsConfiguration.class,
        ClamatorRedisTransportAutoConfiguration.DefaultConnectionDetailsConfiguration.class,
        ClamatorRedisTransportAutoConfiguration.RedisTransportConfiguration.class})
public final class ClamatorRedisTransportAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("io.lettuce.core.RedisClient")
    static class LettuceMissingConfiguration {

        @Bean
        static BeanFactoryPostProcessor clamatorLettuceRequired() {
            boolean jedis = ClassUtils.isPresent("redis.clients.jedis.Jedis", LettuceMissingConfiguration.class.getClassLoader());
            return beanFactory -> {
                throw new LettuceRequiredException(jedis);
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisClient.class)
    @ConditionalOnProperty("clamator.redis.url")
    static class UrlConnectionDetailsConfiguration {

        @Bean
        @ConditionalOnMissingBean(ClamatorRedisConnectionDetails.class)
        ClamatorRedisConnectionDetails clamatorRedisConnectionDetails(ClamatorProperties properties) {
            return new UrlClamatorConnectionDetails(properties.getRedis().getUrl(), "clamator.redis.url");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RedisClient.class, DataRedisConnectionDetails.class})
    @ConditionalOnBean(DataRedisConnectionDetails.class)
    static class DataRedisConnectionDetailsConfiguration {

        @Bean
        @ConditionalOnMissingBean(ClamatorRedisConnectionDetails.class)
        ClamatorRedisConnectionDetails clamatorRedisConnectionDetails(DataRedisConnectionDetails details,
                ObjectProvider<DataRedisProperties> properties) {
            return new DataRedisClamatorConnectionDetails(details, properties.getIfAvailable());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisClient.class)
    static class DefaultConnectionDetailsConfiguration {

        @Bean
        @ConditionalOnMissingBean(ClamatorRedisConnectionDetails.class)
        ClamatorRedisConnectionDetails clamatorRedisConnectionDetails() {
            String fromEnvironment = System.getenv("REDIS_URL");
            if (StringUtils.hasText(fromEnvironment)) {
                return new UrlClamatorConnectionDetails(fromEnvironment, "the REDIS_URL environment variable");
            }
            return new UrlClamatorConnectionDetails("redis://localhost:6379", "the default (nothing configured)");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RedisClient.class, RedisRpcServer.class})
    static class RedisTransportConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ClamatorRedisConnection clamatorRedisConnection(ClamatorRedisConnectionDetails details,
                ObjectProvider<ClientResources> clientResources) {
            return ClamatorRedisConnection.create(details, clientResources.getIfUnique());
        }

        @Bean
        @ConditionalOnMissingBean(RpcServer.class)
        @ConditionalOnBooleanProperty(name = "clamator.server.enabled", matchIfMissing = true)
        @ConditionalOnBean(ServerOptions.class)
        RedisRpcServer clamatorRpcServer(ClamatorRedisConnection connection, ClamatorProperties properties,
                ServerOptions options) {
            ClamatorProperties.Server server = properties.getServer();
            RedisRpcServer.Builder builder = RedisRpcServer.builder()
                    .keyPrefix(properties.getKeyPrefix())
                    .redisClient(connection.getClient())
                    .redisUri(connection.getUri())
                    .options(options)
                    .batchSize(server.getBatchSize())
                    .blockTime(server.getBlockTime())
                    .claimIdle(server.getClaimIdle())
                    .shutdownGrace(server.getShutdownGrace())
                    .replyStreamMaxLen(server.getReplyStreamMaxLen())
                    .concurrency(server.getConcurrency())
                    .maxPayloadBytes(Math.toIntExact(server.getMaxPayloadSize().toBytes()));
            if (properties.getInstanceId() != null) {
                builder.instanceId(properties.getInstanceId());
            }
            server.getServices().forEach((service, settings) -> {
                if (settings.getConcurrency() != null) {
                    builder.concurrency(service, settings.getConcurrency());
                }
            });
            return builder.build();
        }

        @Bean
        @ConditionalOnMissingBean
        RpcClientFactory clamatorRpcClientFactory(ClamatorRedisConnection connection, ClamatorProperties properties) {
            return (keyPrefix, options) -> {
                RedisRpcClient.Builder builder = RedisRpcClient.builder()
                        .keyPrefix(keyPrefix)
                        .redisClient(connection.getClient())
                        .redisUri(connection.getUri())
                        .options(options);
                if (properties.getInstanceId() != null) {
                    builder.instanceId(properties.getInstanceId());
                }
                return builder.build();
            };
        }
    }
}
