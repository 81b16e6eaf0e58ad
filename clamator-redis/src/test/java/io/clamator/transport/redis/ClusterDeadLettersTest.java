package io.clamator.transport.redis;

import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisCluster;
import org.junit.jupiter.api.Tag;

/** On a Redis Cluster, with a key prefix whose keys spread over the nodes: calls past the delivery limit go to the dead letters. */
@Tag("cluster")
class ClusterDeadLettersTest extends RedisDeadLettersTest {

    @Override
    protected TestRedisCluster redisCluster() {
        return TestRedis.sharedCluster();
    }
}
