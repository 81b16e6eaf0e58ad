package io.clamator.transport.redis;

import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisCluster;
import org.junit.jupiter.api.Tag;

/** On a Redis Cluster, with a key prefix whose keys spread over the nodes: handlers are scheduled as on one Redis. */
@Tag("cluster")
class ClusterConcurrencyTest extends RedisConcurrencyTest {

    @Override
    protected TestRedisCluster redisCluster() {
        return TestRedis.sharedCluster();
    }
}
