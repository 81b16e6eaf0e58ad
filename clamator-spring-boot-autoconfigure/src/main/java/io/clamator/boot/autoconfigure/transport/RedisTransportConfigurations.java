package io.clamator.boot.autoconfigure.transport;

import io.clamator.boot.autoconfigure.ClamatorProperties;
import io.clamator.boot.autoconfigure.client.RpcClientFactory;
import io.clamator.boot.autoconfigure.server.RpcServerFactory;
import io.clamator.server.ServerOptions;
import io.clamator.transport.redis.ClamatorClientResources;
import io.clamator.transport.redis.RedisRpcClient;
import io.clamator.transport.redis.RedisRpcServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/** The parts of {@link ClamatorRedisTransportAutoConfiguration}. */
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
    @ConditionalOnMissingClass("io.clamator.transport.redis.RedisRpcServer")
    static class RedisModuleMissingConfiguration {

        @Bean
        static RedisModuleRequiredCheck clamatorRedisModuleRequiredCheck() {
            return new RedisModuleRequiredCheck();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisClient.class)
    static class ConnectionDetailsConfiguration {

        private static final String DATA_REDIS_DETAILS = "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails";

        /**
         * {@code clamator.redis.url} or {@code clamator.redis.cluster.nodes}, else the
         * application's Redis ({@link ApplicationRedis}), else {@code $REDIS_URL}, else
         * {@code redis://localhost:6379}: decided when the application starts, so that an
         * AOT-processed application follows its runtime settings.
         */
        @Bean
        @ConditionalOnMissingBean(ClamatorRedisConnectionDetails.class)
        ClamatorRedisConnectionDetails clamatorRedisConnectionDetails(ClamatorProperties properties,
                ObjectProvider<SslBundles> sslBundles, Environment environment, ListableBeanFactory beanFactory) {
            if (StringUtils.hasText(properties.getRedis().getUrl())) {
                return new UrlClamatorConnectionDetails(properties.getRedis().getUrl(), "clamator.redis.url",
                        sslBundle(properties, sslBundles));
            }
            if (!properties.getRedis().getCluster().getNodes().isEmpty()) {
                return new ClusterNodesClamatorConnectionDetails(properties.getRedis().getCluster().getNodes(),
                        sslBundle(properties, sslBundles));
            }
            if (ClassUtils.isPresent(DATA_REDIS_DETAILS, ConnectionDetailsConfiguration.class.getClassLoader())) {
                ClamatorRedisConnectionDetails application = ApplicationRedis.find(beanFactory, environment);
                if (application != null) {
                    return application;
                }
            }
            String fromEnvironment = environment.getProperty("REDIS_URL");
            if (StringUtils.hasText(fromEnvironment)) {
                return new UrlClamatorConnectionDetails(fromEnvironment, "REDIS_URL");
            }
            return new UrlClamatorConnectionDetails("redis://localhost:6379",
                    "the default: none of clamator.redis.url, clamator.redis.cluster.nodes, spring.data.redis.* and REDIS_URL is set");
        }

        /** The bundle of {@code clamator.redis.ssl.bundle}, or {@code null}. */
        private static SslBundle sslBundle(ClamatorProperties properties, ObjectProvider<SslBundles> sslBundles) {
            String bundleName = properties.getRedis().getSsl().getBundle();
            if (!StringUtils.hasText(bundleName)) {
                return null;
            }
            SslBundles bundles = sslBundles.getIfAvailable();
            if (bundles == null) {
                throw new IllegalStateException("clamator.redis.ssl.bundle=" + bundleName
                        + " names an SSL bundle, but the application has no SSL bundles (spring.ssl.bundle.*)");
            }
            return bundles.getBundle(bundleName);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RedisClient.class, ClientResourcesBuilderCustomizer.class, ClamatorClientResources.class})
    @ConditionalOnBooleanProperty(name = "clamator.redis.flush-consolidation", matchIfMissing = true)
    static class FlushConsolidationConfiguration {

        /** Adds flush consolidation to Boot's Lettuce {@code ClientResources}, which clamator's connections share. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ClientResourcesBuilderCustomizer clamatorFlushConsolidation() {
            return builder -> builder.nettyCustomizer(ClamatorClientResources.flushConsolidation());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RedisClient.class, ClientResourcesBuilderCustomizer.class, ClamatorClientResources.class})
    static class ReconnectDelayConfiguration {

        /**
         * Caps the reconnect delay of Boot's Lettuce {@code ClientResources} (Lettuce's default grows
         * to 30 s), so clamator resumes within about a second of Redis coming back; an application's
         * own customizer, applied later, can set another.
         */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        ClientResourcesBuilderCustomizer clamatorReconnectDelay() {
            return builder -> builder.reconnectDelay(ClamatorClientResources.reconnectDelay());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({RedisClient.class, RedisRpcServer.class})
    static class RedisTransportConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ClamatorRedisConnection clamatorRedisConnection(ClamatorRedisConnectionDetails details,
                ObjectProvider<ClientResources> clientResources, ClamatorProperties properties) {
            return ClamatorRedisConnection.create(details, clientResources.getIfUnique(),
                    properties.getRedis().isFlushConsolidation());
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "clamator.server.enabled", matchIfMissing = true)
        @ConditionalOnBean(ServerOptions.class)
        RpcServerFactory clamatorRpcServerFactory(ClamatorRedisConnection connection, ClamatorProperties properties,
                ServerOptions options, ObjectProvider<RedisRpcServerBuilderCustomizer> customizers) {
            ClamatorProperties.Redis redis = properties.getRedis();
            return () -> {
                RedisRpcServer.Builder builder = connection.applyTo(RedisRpcServer.builder())
                        .keyPrefix(properties.getKeyPrefix())
                        .commandTimeout(redis.getCommandTimeout())
                        .options(options)
                        .batchSize(redis.getServer().getBatchSize())
                        .prefetch(redis.getServer().getPrefetch())
                        .blockTime(redis.getServer().getBlockTime())
                        .claimIdle(redis.getServer().getClaimIdle())
                        .replyStreamMaxLen(redis.getServer().getReplyStreamMaxLen())
                        .keepHandledEntries(redis.getServer().isKeepHandledEntries())
                        .consumerIdleTimeout(redis.getServer().getConsumerIdleTimeout())
                        .maxDeliveries(redis.getServer().getMaxDeliveries())
                        .streamMetricsInterval(redis.getServer().getStreamMetricsInterval())
                        .replyStreamTtl(redis.getReplyStreamTtl());
                if (StringUtils.hasText(properties.getInstanceId())) {
                    builder.instanceId(properties.getInstanceId());
                }
                customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
                return builder.build();
            };
        }

        @Bean
        @ConditionalOnMissingBean
        RpcClientFactory clamatorRpcClientFactory(ClamatorRedisConnection connection, ClamatorProperties properties,
                ObjectProvider<RedisRpcClientBuilderCustomizer> customizers) {
            ClamatorProperties.Redis redis = properties.getRedis();
            return (keyPrefix, instanceId, options) -> {
                RedisRpcClient.Builder builder = connection.applyTo(RedisRpcClient.builder())
                        .keyPrefix(keyPrefix)
                        .commandTimeout(redis.getCommandTimeout())
                        .blockTime(redis.getClient().getBlockTime())
                        .replyStreamTtl(redis.getReplyStreamTtl())
                        .options(options);
                if (instanceId != null) {
                    builder.instanceId(instanceId);
                }
                customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
                return builder.build();
            };
        }
    }
}
