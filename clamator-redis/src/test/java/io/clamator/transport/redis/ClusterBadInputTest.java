package io.clamator.transport.redis;

import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisCluster;
import org.junit.jupiter.api.Tag;

/**
 * On a Redis Cluster, with a key prefix whose keys spread over the nodes: bad entries are
 * acknowledged and logged, and a reply Redis refuses is not retried for ever.
 */
@Tag("cluster")
class ClusterBadInputTest extends RedisBadInputTest {

    @Override
    protected TestRedisCluster redisCluster() {
        return TestRedis.sharedCluster();
    }
}
