package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisCluster;
import io.clamator.test.redis.TestRedisServer;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How a server connects to a Redis Cluster, and what it says when it is pointed at one node of a cluster. */
@Tag("cluster")
class ClusterConnectionTest extends RedisTestSupport {

    @Override
    protected TestRedisCluster redisCluster() {
        return TestRedis.sharedCluster();
    }

    @Test
    void aScriptMayNotTouchKeysOfSeveralSlotsWhichIsWhyRepliesAndAcknowledgementsGoKeyByKey() {
        String commandStream = commands("arith");
        String replyStream = replies("client-1");
        assertThat(io.lettuce.core.cluster.SlotHash.getSlot(commandStream)).isNotEqualTo(io.lettuce.core.cluster.SlotHash.getSlot(replyStream));
        assertThatThrownBy(() -> redis.eval("return 1", ScriptOutputType.INTEGER, commandStream, replyStream))
                .isInstanceOf(RedisCommandExecutionException.class).hasMessageStartingWith("CROSSSLOT");

        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, new ArithService());
        server.start();
        RedisRpcClient client = closeLater(clientBuilder().instanceId("client-1").build());
        client.start();
        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(40, 2)).sum()).isEqualTo(42);
        // key by key, the acknowledgement follows the reply: the caller may have its answer before the entry is acknowledged
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(redis.xpending(commandStream, "arith").getCount()).as("acknowledged").isZero();
            assertThat(redis.xlen(commandStream)).as("deleted with its acknowledgement").isZero();
        });
        assertThat(server.toString()).contains("at Redis Cluster redis://");
    }

    @Test
    void aServerGivenOneNodeOfAClusterAsItsRedisFailsToStartSayingToConnectAsToACluster() {
        RedisRpcServer server = closeLater(RedisRpcServer.builder().keyPrefix(prefix).redisUri(redisCluster().masters().get(0).url()).build());
        server.register(Arith.class, new ArithService());
        assertThatThrownBy(server::start).isInstanceOfSatisfying(RedisCommandRefusedException.class, refused -> {
            assertThat(refused.reason()).isEqualTo(RedisCommandRefusedException.Reason.CLUSTER_NODE);
            assertThat(refused).hasMessageContaining("is a node of a Redis Cluster (cluster_enabled:1; " + commands("arith") + " is in slot")
                    .hasMessageContaining("connect to it as a cluster");
        });
    }

    @Test
    void theOperationsToolsGivenOneNodeOfAClusterRefuseItInsteadOfSeeingOnlyThatNodesKeys() {
        String node = redisCluster().masters().get(0).url();
        assertThatThrownBy(() -> RedisServiceStreams.connect(node, prefix)).isInstanceOfSatisfying(RedisCommandRefusedException.class,
                refused -> assertThat(refused.reason()).isEqualTo(RedisCommandRefusedException.Reason.CLUSTER_NODE));
        assertThatThrownBy(() -> RedisDeadLetters.connect(node, prefix)).isInstanceOfSatisfying(RedisCommandRefusedException.class,
                refused -> assertThat(refused).hasMessageContaining("is a node of a Redis Cluster (cluster_enabled:1; " + prefix + ":dead-letters")
                        .hasMessageContaining("connect to it as a cluster"));
        RedisClient application = RedisClient.create();
        try {
            assertThatThrownBy(() -> RedisServiceStreams.using(application, RedisURI.create(node), prefix))
                    .isInstanceOf(RedisCommandRefusedException.class);
            assertThat(application.getResources().eventExecutorGroup().isShutdown()).as("the application's client is left running").isFalse();
        } finally {
            application.shutdown();
        }
        assertThat(serviceStreams(prefix).list()).as("through the cluster's client: read, no service yet").isEmpty();
    }

    @Test
    void aClientGivenOneNodeOfAClusterAsItsRedisFailsToStartInsteadOfFailingItsCallsWithMoved() {
        RedisRpcClient client = closeLater(RedisRpcClient.builder().keyPrefix(prefix).redisUri(redisCluster().masters().get(0).url()).build());
        assertThatThrownBy(client::start).isInstanceOfSatisfying(RedisCommandRefusedException.class, refused -> {
            assertThat(refused.reason()).isEqualTo(RedisCommandRefusedException.Reason.CLUSTER_NODE);
            assertThat(refused).hasMessageContaining("is a node of a Redis Cluster (cluster_enabled:1; " + prefix + ":replies:")
                    .hasMessageContaining("connect to it as a cluster");
        });
        assertThat(client.isRunning()).isFalse();
    }

    @Test
    void aServerGivenOneNodeOfAClusterByAUserWhoMayNotReadInfoFailsToStartOnTheRedirection() {
        String node = asUserWithoutInfo(aMasterNotOwning(commands("arith")));
        RedisRpcServer server = closeLater(RedisRpcServer.builder().keyPrefix(prefix).redisUri(node).build());
        server.register(Arith.class, new ArithService());

        assertThatThrownBy(server::start).isInstanceOfSatisfying(RedisCommandRefusedException.class, refused -> {
            assertThat(refused.reason()).isEqualTo(RedisCommandRefusedException.Reason.CLUSTER_NODE);
            assertThat(refused.command()).isEqualTo("XGROUP CREATE");
            assertThat(refused).hasMessageContaining("is a node of a Redis Cluster (MOVED ").hasMessageContaining("connect to it as a cluster");
        });
    }

    @Test
    void aClientGivenOneNodeOfAClusterByAUserWhoMayNotReadInfoFailsToStartOnTheRedirection() {
        String node = asUserWithoutInfo(aMasterNotOwning(commands("clamator-command-check"))); // the key of the client's XADD probe
        RedisRpcClient client = closeLater(RedisRpcClient.builder().keyPrefix(prefix).redisUri(node).build());

        assertThatThrownBy(client::start).isInstanceOfSatisfying(RedisCommandRefusedException.class, refused -> {
            assertThat(refused.reason()).isEqualTo(RedisCommandRefusedException.Reason.CLUSTER_NODE);
            assertThat(refused.command()).isEqualTo("XADD");
            assertThat(refused).hasMessageContaining("is a node of a Redis Cluster (MOVED ");
        });
        assertThat(client.isRunning()).isFalse();
    }

    private TestRedisServer aMasterNotOwning(String key) {
        TestRedisServer owner = redisCluster().masterOf(key);
        return redisCluster().masters().stream().filter(master -> master.port() != owner.port()).findFirst().orElseThrow();
    }

    /** The node's URL for a user of this test who may run everything but {@code INFO}, removed after the test. */
    private String asUserWithoutInfo(TestRedisServer node) {
        String user = "no-info-" + prefix;
        RedisClient admin = RedisClient.create(node.url());
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            connection.sync().aclSetuser(user, AclSetuserArgs.Builder.on().addPassword("pw").allKeys().allCommands()
                    .removeCommand(CommandType.INFO));
        } finally {
            admin.shutdown();
        }
        toClose.add(() -> {
            RedisClient cleanup = RedisClient.create(node.url());
            try (StatefulRedisConnection<String, String> connection = cleanup.connect()) {
                connection.sync().aclDeluser(user);
            } finally {
                cleanup.shutdown();
            }
        });
        return node.url().replace("redis://", "redis://" + user + ":pw@");
    }

    @Test
    void oneRedisAndAClusterCannotBothBeConfigured() {
        assertThatThrownBy(() -> RedisRpcServer.builder().keyPrefix(prefix).redisUri("redis://localhost").redisCluster("redis://n1:7000")
                .build().start()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }
}
