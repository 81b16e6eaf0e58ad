package io.clamator.transport.redis;

import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisCluster;
import org.junit.jupiter.api.Tag;

/** On a Redis Cluster, with a key prefix whose keys spread over the nodes: the services of a key prefix are listed and idle consumers removed. */
@Tag("cluster")
class ClusterServiceStreamsTest extends RedisServiceStreamsTest {

    @Override
    protected TestRedisCluster redisCluster() {
        return TestRedis.sharedCluster();
    }
}
