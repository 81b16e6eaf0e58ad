package io.clamator.transport.redis;

import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisCluster;
import org.junit.jupiter.api.Tag;

/**
 * On a Redis Cluster, with a hash-tagged key prefix ({@code {prefix}}) that keeps every key on one
 * node: dead letters are moved and replayed in one script, as on one Redis.
 */
@Tag("cluster")
class ClusterHashTagDeadLettersTest extends RedisDeadLettersTest {

    @Override
    protected TestRedisCluster redisCluster() {
        return TestRedis.sharedCluster();
    }

    @Override
    protected String keyPrefix(String base) {
        return "{" + base + "}";
    }
}
