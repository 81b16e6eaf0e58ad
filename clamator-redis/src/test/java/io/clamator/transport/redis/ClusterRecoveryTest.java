package io.clamator.transport.redis;

import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisCluster;
import org.junit.jupiter.api.Tag;

/** On a Redis Cluster, with a key prefix whose keys spread over the nodes: entries left by dead or stopping servers are reclaimed. */
@Tag("cluster")
class ClusterRecoveryTest extends RedisRecoveryTest {

    @Override
    protected TestRedisCluster redisCluster() {
        return TestRedis.sharedCluster();
    }
}
