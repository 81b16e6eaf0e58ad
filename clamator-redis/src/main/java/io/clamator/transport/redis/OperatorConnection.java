package io.clamator.transport.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.RedisCodec;
import java.time.Duration;

/**
 * The connection of an operations tool ({@link RedisDeadLetters}, {@link RedisServiceStreams}),
 * to one Redis or a Redis Cluster: on a Lettuce client of its own, shut down with it, or on an
 * application's, left running.
 */
final class OperatorConnection<V> implements AutoCloseable {

    /**
     * How long each command waits for Redis unless told otherwise: the transport's default command
     * timeout, rather than Lettuce's minute, so that a hung Redis holds an operator (or a web
     * request) for seconds.
     */
    static final Duration COMMAND_TIMEOUT = RedisTransportBuilder.DEFAULT_COMMAND_TIMEOUT;

    private final TransportConnection<V> connection;
    /** Shuts down the client of its own; {@code null} on an application's. */
    private final Runnable ownClientShutdown;

    private OperatorConnection(TransportConnection<V> connection, Duration commandTimeout, Runnable ownClientShutdown) {
        connection.setTimeout(commandTimeout);
        this.connection = connection;
        this.ownClientShutdown = ownClientShutdown;
    }

    /**
     * A connection on a client of its own, to the Redis at {@code redisUri}.
     *
     * @param anyKey a key the tool reads, named in the refusal of a cluster node, or {@code null}
     * @throws RedisCommandRefusedException when that Redis is a node of a Redis Cluster
     */
    static <V> OperatorConnection<V> own(String redisUri, RedisCodec<String, V> codec, String anyKey) {
        RedisClient client = RedisClient.create();
        try {
            RedisURI uri = RedisURI.create(redisUri);
            uri.setTimeout(COMMAND_TIMEOUT);
            return new OperatorConnection<>(oneRedis(client.connect(codec, uri), uri, anyKey), COMMAND_TIMEOUT, client::shutdown);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /**
     * A connection on an application's client, which closing leaves running.
     *
     * @param commandTimeout how long each command, the handshake included, waits for Redis
     * @throws RedisCommandRefusedException when that Redis is a node of a Redis Cluster
     */
    static <V> OperatorConnection<V> on(RedisClient client, RedisURI uri, RedisCodec<String, V> codec, String anyKey,
                                        Duration commandTimeout) {
        RedisURI timed = RedisURI.builder(uri).withTimeout(commandTimeout).build(); // for the handshake and the node check too
        return new OperatorConnection<>(oneRedis(client.connect(codec, timed), timed, anyKey), commandTimeout, null);
    }

    /** The connection to one Redis, unless that Redis is a node of a cluster (whose other nodes' keys it would redirect). */
    private static <V> TransportConnection<V> oneRedis(StatefulRedisConnection<String, V> connection, RedisURI uri, String anyKey) {
        try {
            new RedisCommandCheck(connection.sync(), uri.toString()).verifyNotClusterNode(anyKey);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return TransportConnection.of(connection);
    }

    /**
     * A connection on an application's Redis Cluster client, which closing leaves running.
     *
     * @param commandTimeout how long each command waits for Redis
     */
    static <V> OperatorConnection<V> on(RedisClusterClient client, RedisCodec<String, V> codec, Duration commandTimeout) {
        return new OperatorConnection<>(TransportConnection.of(client.connect(codec)), commandTimeout, null);
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
