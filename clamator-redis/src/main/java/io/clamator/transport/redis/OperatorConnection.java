package io.clamator.transport.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.RedisCodec;

/**
 * The connection of an operations tool ({@link RedisDeadLetters}, {@link RedisServiceStreams}),
 * to one Redis or a Redis Cluster: on a Lettuce client of its own, shut down with it, or on an
 * application's, left running.
 */
final class OperatorConnection<V> implements AutoCloseable {

    private final TransportConnection<V> connection;
    /** Shuts down the client of its own; {@code null} on an application's. */
    private final Runnable ownClientShutdown;

    private OperatorConnection(TransportConnection<V> connection, Runnable ownClientShutdown) {
        this.connection = connection;
        this.ownClientShutdown = ownClientShutdown;
    }

    /** A connection on a client of its own, to the Redis at {@code redisUri}. */
    static <V> OperatorConnection<V> own(String redisUri, RedisCodec<String, V> codec) {
        RedisClient client = RedisClient.create();
        try {
            return new OperatorConnection<>(TransportConnection.of(client.connect(codec, RedisURI.create(redisUri))), client::shutdown);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /** A connection on an application's client, which closing leaves running. */
    static <V> OperatorConnection<V> on(RedisClient client, RedisURI uri, RedisCodec<String, V> codec) {
        return new OperatorConnection<>(TransportConnection.of(client.connect(codec, uri)), null);
    }

    /** A connection on an application's Redis Cluster client, which closing leaves running. */
    static <V> OperatorConnection<V> on(RedisClusterClient client, RedisCodec<String, V> codec) {
        return new OperatorConnection<>(TransportConnection.of(client.connect(codec)), null);
    }

    TransportConnection<V> connection() {
        return connection;
    }

    /** Whether a script may touch several keys of {@code keyPrefix} ({@link HashTags#keepsKeysTogether}). */
    boolean keepsKeysTogether(String keyPrefix) {
        return HashTags.keepsKeysTogether(connection.isCluster(), keyPrefix);
    }

    @Override
    public void close() {
        connection.close();
        if (ownClientShutdown != null) {
            ownClientShutdown.run();
        }
    }
}
