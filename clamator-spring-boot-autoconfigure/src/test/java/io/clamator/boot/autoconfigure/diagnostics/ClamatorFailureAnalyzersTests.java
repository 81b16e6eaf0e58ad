package io.clamator.boot.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.ClamatorService;
import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.fixtures.Arith;
import io.clamator.boot.autoconfigure.fixtures.ArithService;
import io.clamator.boot.autoconfigure.fixtures.Greeter;
import io.clamator.boot.autoconfigure.fixtures.InvalidNameContract;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration;
import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisServer;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.CommandType;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

/** The startup failures clamator explains, as a failing application would report them. */
class ClamatorFailureAnalyzersTests {

    private final ApplicationContextRunner memory = new ApplicationContextRunner()
            .withPropertyValues("clamator.transport=memory")
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class,
                    ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class));

    private final ApplicationContextRunner redis = memory.withPropertyValues("clamator.transport=redis");

    @Test
    void everyAnalyzerIsRegistered() {
        List<Class<?>> registered = analyzers(new MockEnvironment()).stream().<Class<?>>map(Object::getClass).toList();
        assertThat(registered).contains(DuplicateServiceFailureAnalyzer.class, InvalidClientInjectionPointFailureAnalyzer.class,
                InvalidContractFailureAnalyzer.class, LettuceRequiredFailureAnalyzer.class, RedisModuleRequiredFailureAnalyzer.class,
                RedisCommandRefusedFailureAnalyzer.class,
                ContractWithoutClientFailureAnalyzer.class,
                RedisUnavailableFailureAnalyzer.class, ServiceWithoutContractFailureAnalyzer.class,
                UnsupportedRedisSetupFailureAnalyzer.class);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void redisUnreachableAtStartupNamesTheUrlTriedAndWhereItWasSet() throws IOException {
        int port = closedPort();
        redis.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:" + port).run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription())
                    .startsWith("clamator could not connect to Redis at redis://127.0.0.1:" + port + ", set by spring.data.redis.*.")
                    .contains("Reason: ");
            assertThat(analysis.getAction()).contains("change spring.data.redis.url").contains("clamator.redis.url")
                    .contains("clamator.transport=memory");
        });
    }

    @Test
    void redisOfItsOwnUnreachableAtStartupNamesThatProperty() throws IOException {
        int port = closedPort();
        redis.withPropertyValues("clamator.redis.url=redis://127.0.0.1:" + port).run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("127.0.0.1:" + port + ", set by clamator.redis.url.");
            assertThat(analysis.getAction()).contains("change clamator.redis.url.");
        });
    }

    @Test
    void redisFromTheEnvironmentVariableUnreachableSaysSo() throws IOException {
        int port = closedPort();
        redis.withPropertyValues("REDIS_URL=redis://127.0.0.1:" + port).run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("127.0.0.1:" + port + ", set by REDIS_URL.");
            assertThat(analysis.getAction()).contains("change the REDIS_URL environment variable");
        });
    }

    @Test
    @Tag("cluster")
    void oneNodeOfARedisClusterTakenForOneRedisSaysToConfigureTheClustersNodes() {
        redis.withUserConfiguration(OneArith.class)
                .withPropertyValues("clamator.redis.url=" + TestRedis.sharedCluster().masters().get(0).url())
                .run(context -> {
                    FailureAnalysis analysis = analyze(context);
                    assertThat(analysis.getDescription()).startsWith("The clamator Redis transport could not start: Redis ")
                            .contains("is a node of a Redis Cluster (cluster_enabled:1;");
                    assertThat(analysis.getAction()).contains("spring.data.redis.cluster.nodes").contains("clamator.redis.cluster.nodes");
                });
    }

    @Test
    void aRedisUserThatMayNotReclaimNamesTheCommandAndTheAclToGrant() {
        TestRedisServer server = TestRedis.shared();
        String user = "clamator-analyzer-" + UUID.randomUUID().toString().substring(0, 8);
        RedisClient admin = RedisClient.create(server.url());
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            connection.sync().aclSetuser(user, AclSetuserArgs.Builder.on().addPassword("pw").allKeys().allCommands()
                    .removeCommand(CommandType.XAUTOCLAIM));
            try {
                redis.withUserConfiguration(OneArith.class)
                        .withPropertyValues("clamator.redis.url=" + server.url().replace("redis://", "redis://" + user + ":pw@"))
                        .run(context -> {
                            FailureAnalysis analysis = analyze(context);
                            assertThat(analysis.getDescription()).startsWith("The clamator Redis server could not start: Redis ")
                                    .contains("does not allow the clamator Redis server to run XAUTOCLAIM");
                            assertThat(analysis.getAction()).startsWith("Allow the Redis user clamator connects as to run XAUTOCLAIM")
                                    .contains("ACL SETUSER <user> ~<key-prefix>:* ");
                        });
            } finally {
                connection.sync().aclDeluser(user);
            }
        } finally {
            admin.shutdown();
        }
    }

    @Test
    void aRedisUserThatMayNotReadRepliesNamesTheCommandForTheClient() {
        TestRedisServer server = TestRedis.shared();
        String user = "clamator-analyzer-" + UUID.randomUUID().toString().substring(0, 8);
        RedisClient admin = RedisClient.create(server.url());
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            connection.sync().aclSetuser(user, AclSetuserArgs.Builder.on().addPassword("pw").allKeys().allCommands()
                    .removeCommand(CommandType.XREAD));
            try {
                redis.withUserConfiguration(ArithCaller.class)
                        .withPropertyValues("clamator.redis.url=" + server.url().replace("redis://", "redis://" + user + ":pw@"))
                        .run(context -> {
                            FailureAnalysis analysis = analyze(context);
                            assertThat(analysis.getDescription()).startsWith("The clamator Redis client could not start: Redis ")
                                    .contains("does not allow the clamator Redis client to run XREAD")
                                    .contains("its ACL user needs XADD, XREAD and PEXPIRE");
                            assertThat(analysis.getAction()).startsWith("Allow the Redis user clamator connects as to run XREAD");
                        });
            } finally {
                connection.sync().aclDeluser(user);
            }
        } finally {
            admin.shutdown();
        }
    }

    @Test
    void aJedisOnlyApplication() {
        redis.withClassLoader(new FilteredClassLoader(RedisClient.class)).run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("Lettuce").contains("Jedis only");
            assertThat(analysis.getAction()).contains("io.lettuce:lettuce-core").contains("spring.data.redis.client-type=jedis");
        });
    }

    @Test
    void aRedisTransportWithoutItsModule() {
        redis.withClassLoader(new FilteredClassLoader("io.clamator.transport.redis")).run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("io.clamator:clamator-redis");
            assertThat(analysis.getAction()).contains("clamator-spring-boot-starter").contains("clamator.transport=memory");
        });
    }

    @Test
    void aContractInjectedWithoutClamatorClient() {
        memory.withPropertyValues("clamator.server.enabled=false").withUserConfiguration(PlainContractUser.class).run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains(PlainContractUser.class.getName())
                    .contains(Arith.class.getName() + ", a clamator contract")
                    .contains("injected only where @ClamatorClient asks for them");
            assertThat(analysis.getAction()).contains("@ClamatorClient Arith arith").contains("@MockitoBean @ClamatorClient");
        });
    }

    @Test
    void anInvalidMethodNameSuggestsAWireName() {
        memory.withUserConfiguration(SnakeCaseService.class).run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("\"place_order\"")
                    .contains("give it a valid wire name with @ClamatorMethod(\"placeOrder\")");
        });
    }

    @Test
    void aStaticMasterReplicaRedis() {
        redis.withPropertyValues("spring.data.redis.masterreplica.nodes=m1.example:7000,r1.example:7001").run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("static master/replica Redis (spring.data.redis.masterreplica.*)")
                    .contains("a Redis Cluster");
            assertThat(analysis.getAction()).contains("clamator.redis.url").contains("clamator.redis.cluster.nodes");
        });
    }

    @Test
    void twoHandlersForOneService() {
        memory.withUserConfiguration(TwoAriths.class).run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("\"arith\" has two handlers").contains("bean 'firstArith'")
                    .contains("bean 'secondArith'");
            assertThat(analysis.getAction()).contains("Keep a single @ClamatorService bean");
        });
    }

    @Test
    void aContractWithAnInvalidServiceName() {
        memory.withUserConfiguration(InvalidService.class).run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains(InvalidNameContract.class.getName()).contains("\"Not_Valid\"");
            assertThat(analysis.getAction()).contains("@ClamatorContract(\"<service-name>\")").contains("^[a-z][a-z0-9-]*$");
        });
    }

    @Test
    void aContractWithoutServiceNameInjectedAsClient() {
        memory.withUserConfiguration(UnannotatedContractClient.class).run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("field 'plain'").contains(PlainInterface.class.getName())
                    .contains("is not a clamator contract");
            assertThat(analysis.getAction()).contains("@ClamatorContract");
        });
    }

    @Test
    void aServiceBeanWithoutContract() {
        memory.withUserConfiguration(NoContractService.class).run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("'plainService'").contains(PlainService.class.getName())
                    .contains(PlainInterface.class.getName());
            assertThat(analysis.getAction()).contains("@ClamatorContract").contains("remove @ClamatorService");
        });
    }

    @Test
    void aClientOfAnUnknownBackend() {
        memory.withUserConfiguration(UnknownBackendClient.class).run(context -> {
            FailureAnalysis analysis = analyze(context);
            assertThat(analysis.getDescription()).contains("backend 'billing'");
            assertThat(analysis.getAction()).contains("clamator.backends.billing");
        });
    }

    private static FailureAnalysis analyze(AssertableApplicationContext context) {
        return analyze(context, new MockEnvironment());
    }

    private static FailureAnalysis analyze(AssertableApplicationContext context, Environment environment) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        FailureAnalysis analysis = analyzers(environment).stream()
                .map(analyzer -> analyzer.analyze(failure))
                .filter(Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no failure analysis for " + failure, failure));
        assertThat(analysis.getDescription()).isNotBlank();
        assertThat(analysis.getAction()).isNotBlank();
        return analysis;
    }

    private static List<FailureAnalyzer> analyzers(Environment environment) {
        return SpringFactoriesLoader.forDefaultResourceLocation(ClamatorFailureAnalyzersTests.class.getClassLoader())
                .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.of(Environment.class, environment)
                        .and(BeanFactory.class, new DefaultListableBeanFactory()),
                        // as Boot does: analyzers of modules whose classes are absent are skipped
                        SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { }));
    }

    static class ArithCaller {

        ArithCaller(@ClamatorClient Arith arith) {
        }
    }

    static class PlainContractUser {

        PlainContractUser(Arith arith) {
        }
    }

    @io.clamator.contract.ClamatorContract("orders")
    interface SnakeCase {

        void place_order(Arith.AddParams params);
    }

    @Configuration(proxyBeanMethods = false)
    static class SnakeCaseService {

        @Bean
        @ClamatorService
        SnakeCase snakeCase() {
            return params -> { };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OneArith {

        @Bean
        @ClamatorService
        Arith arith() {
            return new ArithService();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoAriths {

        @Bean
        @ClamatorService
        Arith firstArith() {
            return new ArithService();
        }

        @Bean
        @ClamatorService
        Arith secondArith() {
            return new ArithService();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class InvalidService {

        @Bean
        @ClamatorService
        InvalidNameContract invalid() {
            return params -> new Greeter.Greeting("x");
        }
    }

    interface PlainInterface {
        void run();
    }

    static class PlainService implements PlainInterface {

        @Override
        public void run() {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NoContractService {

        @Bean
        @ClamatorService
        PlainService plainService() {
            return new PlainService();
        }
    }

    static class UnannotatedContractClient {

        @ClamatorClient
        PlainInterface plain;
    }

    static class UnknownBackendClient {

        @ClamatorClient(backend = "billing")
        Arith arith;
    }
}
