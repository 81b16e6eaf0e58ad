package io.clamator.transport.redis;

import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisCluster;
import org.junit.jupiter.api.Tag;

/** On a Redis Cluster, with a key prefix whose keys spread over the nodes: consumers and reply streams of instances that are gone are removed. */
@Tag("cluster")
class ClusterHousekeepingTest extends RedisHousekeepingTest {

    @Override
    protected TestRedisCluster redisCluster() {
        return TestRedis.sharedCluster();
    }
}
