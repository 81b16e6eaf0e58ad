package io.clamator.boot.autoconfigure.transport;

import io.clamator.boot.autoconfigure.ClamatorProperties;
import io.clamator.boot.autoconfigure.client.RpcClientFactory;
import io.clamator.server.RpcServer;
import io.clamator.server.ServerOptions;
import io.clamator.transport.redis.RedisRpcClient;
import io.clamator.transport.redis.RedisRpcServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
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
import org.springframework.util.StringUtils;

/**
 * The parts of {@link ClamatorRedisTransportAutoConfiguration}, imported in order: the first
 * connection details that apply win.
 */
final class RedisTransportConfigurations {

    private RedisTransportConfigurations() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("io.lettuce.core.RedisClient")
    static class LettuceMissingConfiguration {

        @Bean
        static LettuceRequiredCheck clamatorLettuceRequiredCheck() {
            return new LettuceRequiredCheck();
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
            if (StringUtils.hasText(properties.getInstanceId())) {
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
            Set<String> replyStreams = ConcurrentHashMap.newKeySet();
            return (keyPrefix, options) -> {
                RedisRpcClient.Builder builder = RedisRpcClient.builder()
                        .keyPrefix(keyPrefix)
                        .redisClient(connection.getClient())
                        .redisUri(connection.getUri())
                        .options(options);
                if (StringUtils.hasText(properties.getInstanceId())) {
                    builder.instanceId(uniqueInstanceId(replyStreams, keyPrefix, properties.getInstanceId()));
                }
                return builder.build();
            };
        }

        /**
         * The configured instance id, or {@code <id>-2}, {@code <id>-3}... for further clients of
         * the same key prefix: each client needs a reply stream of its own.
         */
        private static String uniqueInstanceId(Set<String> replyStreams, String keyPrefix, String instanceId) {
            String candidate = instanceId;
            for (int n = 2; !replyStreams.add(keyPrefix + ":replies:" + candidate); n++) {
                candidate = instanceId + "-" + n;
            }
            return candidate;
        }
    }
}
