package io.clamator.transport.redis;

import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;
import io.clamator.server.RpcServer;
import io.clamator.server.ServerOptions;
import io.clamator.test.redis.TestRedis;
import io.clamator.testing.TransportBehaviourSuite;
import java.time.Duration;
import org.junit.jupiter.api.Tag;

/** The behaviour every transport shares, over a real Redis. */
@Tag("redis")
class RedisTransportBehaviourTest extends TransportBehaviourSuite {

    private final String redisUrl = TestRedis.shared().url();

    @Override
    protected RpcServer newServer(String keyPrefix, ServerOptions options) {
        return RedisRpcServer.builder().keyPrefix(keyPrefix).redisUri(redisUrl).options(options).build();
    }

    @Override
    protected RpcClient newClient(String keyPrefix, Duration defaultTimeout, int maxPayloadBytes) {
        return RedisRpcClient.builder().keyPrefix(keyPrefix).redisUri(redisUrl)
                .options(ClientOptions.defaults().withDefaultTimeout(defaultTimeout).withMaxPayloadBytes(maxPayloadBytes)).build();
    }
}
