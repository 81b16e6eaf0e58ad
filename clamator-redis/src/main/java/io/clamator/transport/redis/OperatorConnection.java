package io.clamator.transport.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;

/**
 * The connection of an operations tool ({@link RedisDeadLetters}, {@link RedisServiceStreams}):
 * on a Lettuce client of its own, shut down with it, or on an application's, left running.
 */
final class OperatorConnection<V> implements AutoCloseable {

    private final RedisClient client;
    private final boolean ownsClient;
    private final StatefulRedisConnection<String, V> connection;

    private OperatorConnection(RedisClient client, boolean ownsClient, RedisURI uri, RedisCodec<String, V> codec) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.connection = client.connect(codec, uri);
    }

    /** A connection on a client of its own, to the Redis at {@code redisUri}. */
    static <V> OperatorConnection<V> own(String redisUri, RedisCodec<String, V> codec) {
        return new OperatorConnection<>(RedisClient.create(), true, RedisURI.create(redisUri), codec);
    }

    /** A connection on an application's client, which closing leaves running. */
    static <V> OperatorConnection<V> on(RedisClient client, RedisURI uri, RedisCodec<String, V> codec) {
        return new OperatorConnection<>(client, false, uri, codec);
    }

    StatefulRedisConnection<String, V> connection() {
        return connection;
    }

    @Override
    public void close() {
        connection.close();
        if (ownsClient) {
            client.shutdown();
        }
    }
}
