package io.clamator.transport.redis;

import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;
import io.clamator.server.RpcServer;
import io.clamator.server.ServerOptions;
import io.clamator.test.redis.TestRedis;
import io.clamator.testing.TransportBehaviourSuite;
import java.time.Duration;
import org.junit.jupiter.api.Tag;

/**
 * The behaviour every transport shares, on a Redis Cluster, with key prefixes whose keys spread
 * over the nodes (replies and acknowledgements key by key).
 */
@Tag("redis")
@Tag("cluster")
class ClusterTransportBehaviourTest extends TransportBehaviourSuite {

    private final String[] nodes = TestRedis.sharedCluster().urls().toArray(String[]::new);

    /** The key prefix the suite chose, as this variant uses it. */
    String clusterPrefix(String keyPrefix) {
        return keyPrefix;
    }

    @Override
    protected RpcServer newServer(String keyPrefix, ServerOptions options) {
        return RedisRpcServer.builder().keyPrefix(clusterPrefix(keyPrefix)).redisCluster(nodes).options(options).build();
    }

    @Override
    protected RpcClient newClient(String keyPrefix, Duration defaultTimeout, int maxPayloadBytes) {
        return RedisRpcClient.builder().keyPrefix(clusterPrefix(keyPrefix)).redisCluster(nodes)
                .options(ClientOptions.defaults().withDefaultTimeout(defaultTimeout).withMaxPayloadBytes(maxPayloadBytes)).build();
    }
}
