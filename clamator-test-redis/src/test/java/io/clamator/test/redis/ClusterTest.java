package io.clamator.test.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.time.Duration;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A local Redis Cluster: formed from redis-server processes, spread over three masters, failing over when one stops. */
class ClusterTest {

    @Test
    void threeMastersWithAReplicaEachServeEverySlotAndAReplicaTakesOverAStoppedMaster() {
        try (TestRedisCluster cluster = TestRedis.startCluster()) {
            assertThat(cluster.masters()).hasSize(3);
            assertThat(cluster.replicas()).hasSize(3);
            RedisClusterClient client = RedisClusterClient.create(cluster.urls().stream()
                    .map(url -> RedisURI.builder(RedisURI.create(url)).withTimeout(Duration.ofSeconds(2)).build()).toList());
            client.setOptions(ClusterClientOptions.builder().topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                    .enableAllAdaptiveRefreshTriggers().enablePeriodicRefresh(Duration.ofSeconds(1)).build()).build());
            try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
                RedisAdvancedClusterCommands<String, String> redis = connection.sync();
                assertThat(redis.clusterInfo()).contains("cluster_state:ok", "cluster_size:3", "cluster_known_nodes:6");
                IntStream.range(0, 30).forEach(i -> redis.set("key-" + i, "value-" + i));
                assertThat(redis.clusterCountKeysInSlot(redis.clusterKeyslot("key-0").intValue())).isPositive();
                assertThat(redis.dbsize()).as("summed over the masters").isEqualTo(30);
                assertThat(TestRedisCluster.servedByLiveMasters(redis.clusterNodes(), Set.of())).isTrue();
                TestRedisServer first = cluster.masters().get(0);
                assertThat(TestRedisCluster.servedByLiveMasters(redis.clusterNodes(), Set.of(first.host() + ":" + first.port())))
                        .as("a stopped node still listed with slots").isFalse();
                String keyOfFirst = IntStream.range(0, 1000).mapToObj(i -> "key-" + i)
                        .filter(key -> redis.clusterKeyslot(key) < 16384 / 3).findFirst().orElseThrow();
                assertThat(cluster.masterOf(keyOfFirst)).isSameAs(first);

                first.stop();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    String replication = RedisProbe.withCommands(cluster.replicas().get(0).url(), commands -> commands.info("replication"));
                    assertThat(replication).as("the stopped master's replica").contains("role:master");
                });
                cluster.awaitHealthy();
                assertThat(cluster.masterOf(keyOfFirst)).as("the replica serves the slot").isSameAs(cluster.replicas().get(0));
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                    IntStream.range(0, 30).forEach(i -> redis.set("after-" + i, "value-" + i));
                    assertThat(redis.get("after-29")).isEqualTo("value-29");
                });
            } finally {
                client.shutdown();
            }
        }
    }
}
