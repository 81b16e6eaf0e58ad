package io.clamator.boot.autoconfigure.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.client.RpcClientFactory;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.server.RpcServerFactory;
import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;
import io.clamator.server.RpcServer;
import io.clamator.transport.redis.ClamatorClientResources;
import io.clamator.transport.redis.RedisRpcClient;
import io.clamator.transport.redis.RedisRpcServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.Order;

/**
 * The Redis wiring, without connecting: only the settings and the transport beans (the server
 * and client auto-configurations, which connect when the context starts, are tested against a
 * real Redis in {@link ClamatorRedisIntegrationTests}).
 */
class ClamatorRedisTransportAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class));

    @Test
    void usesTheApplicationsRedisConnection() {
        runner.withPropertyValues("spring.data.redis.host=redis.example", "spring.data.redis.port=6390",
                "spring.data.redis.database=3", "spring.data.redis.username=app", "spring.data.redis.password=secret",
                "spring.data.redis.client-name=shop", "spring.data.redis.connect-timeout=3s").run(context -> {
                    ClamatorRedisConnectionDetails details = context.getBean(ClamatorRedisConnectionDetails.class);
                    assertThat(details).isInstanceOf(DataRedisClamatorConnectionDetails.class);
                    RedisURI uri = context.getBean(ClamatorRedisConnection.class).getUri();
                    assertThat(uri.getHost()).isEqualTo("redis.example");
                    assertThat(uri.getPort()).isEqualTo(6390);
                    assertThat(uri.getDatabase()).isEqualTo(3);
                    assertThat(credentials(uri).getUsername()).isEqualTo("app");
                    assertThat(new String(credentials(uri).getPassword())).isEqualTo("secret");
                    assertThat(uri.getClientName()).isEqualTo("shop");
                    assertThat(uri.isSsl()).isFalse();
                    assertThat(details.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    RedisClient client = context.getBean(ClamatorRedisConnection.class).getClient();
                    assertThat(client.getOptions().getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(client.getOptions().isAutoReconnect()).isTrue();
                });
    }

    @Test
    void usesTheApplicationsRedisUrl() {
        runner.withPropertyValues("spring.data.redis.url=rediss://:pw@secure.example:6380/2").run(context -> {
            RedisURI uri = context.getBean(ClamatorRedisConnection.class).getUri();
            assertThat(uri.getHost()).isEqualTo("secure.example");
            assertThat(uri.getPort()).isEqualTo(6380);
            assertThat(uri.getDatabase()).isEqualTo(2);
            assertThat(new String(credentials(uri).getPassword())).isEqualTo("pw");
            assertThat(uri.isSsl()).isTrue();
        });
    }

    @Test
    void enablesTlsWhenTheApplicationsRedisUsesSsl() {
        runner.withPropertyValues("spring.data.redis.ssl.enabled=true").run(context -> {
            assertThat(context.getBean(ClamatorRedisConnection.class).getUri().isSsl()).isTrue();
            assertThat(context.getBean(ClamatorRedisConnectionDetails.class).getSslBundle()).isNotNull();
        });
    }

    @Test
    void followsSentinels() {
        runner.withPropertyValues("spring.data.redis.sentinel.master=mymaster",
                "spring.data.redis.sentinel.nodes=s1.example:26379,s2.example:26380", "spring.data.redis.sentinel.password=spw",
                "spring.data.redis.password=dpw", "spring.data.redis.database=1").run(context -> {
                    RedisURI uri = context.getBean(ClamatorRedisConnection.class).getUri();
                    assertThat(uri.getSentinelMasterId()).isEqualTo("mymaster");
                    assertThat(uri.getSentinels()).extracting(RedisURI::getHost).containsExactly("s1.example", "s2.example");
                    assertThat(uri.getSentinels()).extracting(RedisURI::getPort).containsExactly(26379, 26380);
                    assertThat(new String(credentials(uri.getSentinels().get(0)).getPassword())).isEqualTo("spw");
                    assertThat(new String(credentials(uri).getPassword())).isEqualTo("dpw");
                    assertThat(uri.getDatabase()).isEqualTo(1);
                });
    }

    @Test
    void followsTheApplicationsRedisCluster() {
        runner.withPropertyValues("spring.data.redis.cluster.nodes=c1.example:7000,c2.example:7001", "spring.data.redis.username=app",
                "spring.data.redis.password=secret", "clamator.key-prefix={shop}", "clamator.instance-id=shop-1").run(context -> {
                    ClamatorRedisConnection connection = context.getBean(ClamatorRedisConnection.class);
                    assertThat(connection.isCluster()).isTrue();
                    assertThat(connection.getClient()).isNull();
                    assertThat(connection.getClusterClient().getOptions().isAutoReconnect()).isTrue();
                    assertThat(connection.getClusterNodes()).extracting(RedisURI::getHost, RedisURI::getPort)
                            .containsExactly(tuple("c1.example", 7000), tuple("c2.example", 7001));
                    assertThat(connection.getClusterNodes()).allSatisfy(node -> {
                        assertThat(credentials(node).getUsername()).isEqualTo("app");
                        assertThat(new String(credentials(node).getPassword())).isEqualTo("secret");
                    });
                    assertThat(connection.getOrigin()).isEqualTo("spring.data.redis.*");
                    assertThat(context.getBean(RpcServerFactory.class).create()).hasToString("Redis server shop-1 of key prefix {shop} at"
                            + " Redis Cluster redis://app:******@c1.example:7000, redis://app:******@c2.example:7001 (from spring.data.redis.*)");
                });
    }

    @Test
    void aClusterOfItsOwnWinsOverTheApplicationsRedis() {
        runner.withPropertyValues("spring.data.redis.host=app.example",
                "clamator.redis.cluster.nodes=n1.example:7000,redis://:secret@n2.example:7001").run(context -> {
                    ClamatorRedisConnection connection = context.getBean(ClamatorRedisConnection.class);
                    assertThat(connection.isCluster()).isTrue();
                    assertThat(connection.getClusterNodes()).extracting(RedisURI::getHost, RedisURI::getPort)
                            .containsExactly(tuple("n1.example", 7000), tuple("n2.example", 7001));
                    assertThat(new String(credentials(connection.getClusterNodes().get(1)).getPassword())).isEqualTo("secret");
                    assertThat(connection.getOrigin()).isEqualTo("clamator.redis.cluster.nodes");
                });
    }

    @Test
    void aUrlAndClusterNodesOfItsOwnTogetherFailClearly() {
        runner.withPropertyValues("clamator.redis.url=redis://one.example", "clamator.redis.cluster.nodes=n1.example:7000")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("redis.cluster.nodes")
                            .hasMessageContaining("clamator.redis.url are both set");
                });
    }

    @Test
    void aUrlThatIsNoRedisUrlFailsNamingTheProperty() {
        runner.withPropertyValues("clamator.redis.url=localhost:6379").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("clamator.redis.url is not a Redis URL (")
                    .hasStackTraceContaining("write it as redis://[user:password@]host[:port][/database]");
        });
    }

    @Test
    void aStaticMasterReplicaRedisFailsClearly() {
        runner.withPropertyValues("spring.data.redis.masterreplica.nodes=m1.example:7000,r1.example:7001").run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .isInstanceOf(UnsupportedRedisSetupException.class).hasMessageContaining("master/replica");
        });
    }

    @Test
    void aRedisOfItsOwnWinsOverTheApplicationsRedis() {
        runner.withPropertyValues("spring.data.redis.host=app.example", "clamator.redis.url=redis://clamator.example:7000/4")
                .run(context -> {
                    ClamatorRedisConnection connection = context.getBean(ClamatorRedisConnection.class);
                    assertThat(connection.getUri().getHost()).isEqualTo("clamator.example");
                    assertThat(connection.getUri().getPort()).isEqualTo(7000);
                    assertThat(connection.getUri().getDatabase()).isEqualTo(4);
                    assertThat(connection.getOrigin()).isEqualTo("clamator.redis.url");
                });
    }

    @Test
    void sharesTheApplicationsClientResources() {
        runner.run(context -> assertThat(context.getBean(ClamatorRedisConnection.class).getClient().getResources())
                .isSameAs(context.getBean(ClientResources.class)));
    }

    @Test
    void withoutClientResourcesOwnsResourcesThatConsolidateFlushes() {
        AtomicReference<ClientResources> owned = new AtomicReference<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(ClientResources.class);
                    ClientResources resources = context.getBean(ClamatorRedisConnection.class).getClient().getResources();
                    assertThat(consolidatesFlushes(resources)).isTrue();
                    owned.set(resources);
                });
        assertThat(owned.get().eventExecutorGroup().isShuttingDown()).as("shut down with the context").isTrue();
    }

    @Test
    void withNothingConfiguredFallsBackToRedisUrlElseLocalhost() {
        String fromEnvironment = System.getenv("REDIS_URL");
        boolean set = fromEnvironment != null && !fromEnvironment.isBlank();
        RedisURI expected = RedisURI.create(set ? fromEnvironment : "redis://localhost:6379");
        ApplicationContextRunner withoutSpringDataRedis = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class));
        for (ApplicationContextRunner candidate : List.of(runner, withoutSpringDataRedis)) {
            candidate.run(context -> {
                ClamatorRedisConnection connection = context.getBean(ClamatorRedisConnection.class);
                assertThat(connection.getUri().getHost()).isEqualTo(expected.getHost());
                assertThat(connection.getUri().getPort()).isEqualTo(expected.getPort());
                assertThat(connection.getOrigin()).isEqualTo(set ? "REDIS_URL"
                        : "the default: none of clamator.redis.url, clamator.redis.cluster.nodes, spring.data.redis.* and REDIS_URL is set");
            });
        }
    }

    @Test
    void redisUrlAppliesWhenTheApplicationConfiguredNoRedisThoughSpringDataRedisIsThere() {
        runner.withPropertyValues("REDIS_URL=redis://env.example:6400/5", "spring.data.redis.repositories.enabled=false")
                .run(context -> {
                    ClamatorRedisConnection connection = context.getBean(ClamatorRedisConnection.class);
                    assertThat(connection.getUri().getHost()).isEqualTo("env.example");
                    assertThat(connection.getUri().getPort()).isEqualTo(6400);
                    assertThat(connection.getUri().getDatabase()).isEqualTo(5);
                    assertThat(connection.getOrigin()).isEqualTo("REDIS_URL");
                });
    }

    @Test
    void theApplicationsRedisComesBeforeRedisUrl() {
        runner.withPropertyValues("REDIS_URL=redis://env.example:6400", "spring.data.redis.port=6391").run(context -> {
            ClamatorRedisConnection connection = context.getBean(ClamatorRedisConnection.class);
            assertThat(connection.getUri().getHost()).isEqualTo("localhost");
            assertThat(connection.getUri().getPort()).isEqualTo(6391);
            assertThat(connection.getOrigin()).isEqualTo("spring.data.redis.*");
        });
        runner.withPropertyValues("REDIS_URL=redis://env.example:6400").withUserConfiguration(ServiceConnectionDetails.class)
                .run(context -> {
                    ClamatorRedisConnection connection = context.getBean(ClamatorRedisConnection.class);
                    assertThat(connection.getUri().getHost()).isEqualTo("container.example");
                    assertThat(connection.getOrigin()).isEqualTo(
                            "the application's DataRedisConnectionDetails (ContainerDetails)");
                });
    }

    /** Connection details as a Testcontainers or Docker Compose service connection contributes them. */
    @Configuration(proxyBeanMethods = false)
    static class ServiceConnectionDetails {

        @Bean
        ContainerDetails redisContainerConnectionDetails() {
            return new ContainerDetails();
        }
    }

    static class ContainerDetails implements DataRedisConnectionDetails {

        @Override
        public Standalone getStandalone() {
            return Standalone.of("container.example", 32768);
        }
    }

    @Test
    void backsOffWhenTheApplicationDefinesConnectionDetails() {
        runner.withPropertyValues("spring.data.redis.host=app.example").withUserConfiguration(OwnDetails.class).run(context -> {
            assertThat(context).hasSingleBean(ClamatorRedisConnectionDetails.class);
            assertThat(context.getBean(ClamatorRedisConnection.class).getUri().getHost()).isEqualTo("own.example");
        });
    }

    @Test
    void configuresServersAndClientsFromProperties() {
        runner.withPropertyValues("clamator.key-prefix=shop", "clamator.instance-id=shop-1").run(context -> {
            RpcServer server = context.getBean(RpcServerFactory.class).create();
            assertThat(server).isInstanceOfSatisfying(RedisRpcServer.class, redis -> {
                assertThat(redis.keyPrefix()).isEqualTo("shop");
                assertThat(redis.instanceId()).isEqualTo("shop-1");
            });
            assertThat(server.isRunning()).isFalse();
            assertThat(context.getBean(RpcServerFactory.class).create()).as("a new server for every start").isNotSameAs(server);
            RpcClient client = context.getBean(RpcClientFactory.class).create("billing", "shop-1-2", ClientOptions.defaults());
            assertThat(client).isInstanceOfSatisfying(RedisRpcClient.class, redis -> {
                assertThat(redis.keyPrefix()).isEqualTo("billing");
                assertThat(redis.replyStream()).isEqualTo("billing:replies:shop-1-2");
            });
        });
    }

    @Test
    void theBuilderCustomizersApplyInOrderAfterTheProperties() {
        runner.withPropertyValues("clamator.key-prefix=shop", "clamator.instance-id=shop-1").withUserConfiguration(BuilderCustomizers.class)
                .run(context -> {
                    RedisRpcServer server = (RedisRpcServer) context.getBean(RpcServerFactory.class).create();
                    assertThat(server.instanceId()).isEqualTo("second");
                    RedisRpcClient client = (RedisRpcClient) context.getBean(RpcClientFactory.class).create("shop", null,
                            ClientOptions.defaults());
                    assertThat(client.replyStream()).isEqualTo("shop:replies:client-second");
                });
    }

    @Test
    void aBlankInstanceIdMeansARandomOne() {
        runner.withPropertyValues("clamator.instance-id=").run(context -> {
            RedisRpcServer server = (RedisRpcServer) context.getBean(RpcServerFactory.class).create();
            assertThat(server.instanceId()).matches("[0-9a-f-]{36}");
            RedisRpcClient client = (RedisRpcClient) context.getBean(RpcClientFactory.class).create("shop", null, ClientOptions.defaults());
            assertThat(client.instanceId()).matches("[0-9a-f-]{36}").isNotEqualTo(server.instanceId());
        });
    }

    @Test
    void noServerWhenTheServerIsDisabled() {
        runner.withPropertyValues("clamator.server.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(RpcServerFactory.class).hasSingleBean(RpcClientFactory.class));
    }

    @Test
    void bootsLettuceResourcesConsolidateFlushesUnlessSwitchedOff() {
        runner.run(context -> assertThat(consolidatesFlushes(context.getBean(ClientResources.class))).isTrue());
        runner.withPropertyValues("clamator.redis.flush-consolidation=false")
                .run(context -> assertThat(consolidatesFlushes(context.getBean(ClientResources.class))).isFalse());
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class))
                .withPropertyValues("clamator.redis.flush-consolidation=false")
                .run(context -> assertThat(consolidatesFlushes(context.getBean(ClamatorRedisConnection.class).getClient().getResources()))
                        .as("resources of its own").isFalse());
    }

    @Test
    void lostConnectionsAreTriedAgainAtMostHalfASecondApart() {
        runner.run(context -> assertThat(longestReconnectDelay(context.getBean(ClientResources.class))).as("Boot's resources")
                .isEqualTo(ClamatorClientResources.MAX_RECONNECT_DELAY));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class))
                .run(context -> assertThat(longestReconnectDelay(context.getBean(ClamatorRedisConnection.class).getClient().getResources()))
                        .as("resources of its own").isEqualTo(ClamatorClientResources.MAX_RECONNECT_DELAY));
    }

    private static Duration longestReconnectDelay(ClientResources resources) {
        return resources.reconnectDelay().createDelay(64);
    }

    private static boolean consolidatesFlushes(ClientResources resources) {
        EmbeddedChannel channel = new EmbeddedChannel();
        resources.nettyCustomizer().afterChannelInitialized(channel);
        return channel.pipeline().first() instanceof FlushConsolidationHandler;
    }

    @Test
    void aJedisOnlyApplicationFailsClearly() {
        runner.withClassLoader(new FilteredClassLoader(RedisClient.class)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .isInstanceOfSatisfying(LettuceRequiredException.class, e -> assertThat(e.isJedisPresent()).isTrue());
        });
    }

    @Test
    void anApplicationWithoutAnyRedisClientFailsClearly() {
        runner.withClassLoader(new FilteredClassLoader(RedisClient.class, redis.clients.jedis.Jedis.class)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                    .isInstanceOfSatisfying(LettuceRequiredException.class, e -> assertThat(e.isJedisPresent()).isFalse());
        });
    }

    @Test
    void withoutLettuceTheMemoryTransportStillWorks() {
        runner.withClassLoader(new FilteredClassLoader(RedisClient.class)).withPropertyValues("clamator.transport=memory")
                .withConfiguration(AutoConfigurations.of(ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ClamatorRedisConnection.class);
                    assertThat(context.getBean(RpcClient.class).isRunning()).isTrue();
                });
    }

    private static RedisCredentials credentials(RedisURI uri) {
        return uri.getCredentialsProvider().resolveCredentials().block(Duration.ofSeconds(5));
    }

    @Configuration(proxyBeanMethods = false)
    static class BuilderCustomizers {

        @Bean
        @Order(2)
        RedisRpcServerBuilderCustomizer secondServerCustomizer() {
            return builder -> builder.instanceId("second");
        }

        @Bean
        @Order(1)
        RedisRpcServerBuilderCustomizer firstServerCustomizer() {
            return builder -> builder.instanceId("first");
        }

        @Bean
        @Order(2)
        RedisRpcClientBuilderCustomizer secondClientCustomizer() {
            return builder -> builder.instanceId("client-second");
        }

        @Bean
        @Order(1)
        RedisRpcClientBuilderCustomizer firstClientCustomizer() {
            return builder -> builder.instanceId("client-first");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDetails {

        @Bean
        ClamatorRedisConnectionDetails ownDetails() {
            return () -> RedisURI.create("redis://own.example:6379");
        }
    }
}
