package io.clamator.transport.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * A Lettuce connection to one Redis or to a Redis Cluster, seen through the commands both offer,
 * so that the transport's parts run on either. On a cluster each command goes to the node that
 * owns its key (Lettuce keeps one connection per node and follows the topology).
 *
 * @param <V> the value type
 */
final class TransportConnection<V> implements AutoCloseable {

    private final StatefulConnection<String, V> connection;
    private final RedisClusterAsyncCommands<String, V> async;
    private final RedisClusterCommands<String, V> sync;
    private final boolean cluster;

    private TransportConnection(StatefulConnection<String, V> connection, RedisClusterAsyncCommands<String, V> async,
                                RedisClusterCommands<String, V> sync, boolean cluster) {
        this.connection = connection;
        this.async = async;
        this.sync = sync;
        this.cluster = cluster;
    }

    static <V> TransportConnection<V> of(StatefulRedisConnection<String, V> connection) {
        return new TransportConnection<>(connection, connection.async(), connection.sync(), false);
    }

    static <V> TransportConnection<V> of(StatefulRedisClusterConnection<String, V> connection) {
        return new TransportConnection<>(connection, connection.async(), connection.sync(), true);
    }

    RedisClusterAsyncCommands<String, V> async() {
        return async;
    }

    RedisClusterCommands<String, V> sync() {
        return sync;
    }

    /** Whether the connection goes to a Redis Cluster. */
    boolean isCluster() {
        return cluster;
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    /**
     * The id Redis gives this connection ({@code CLIENT ID}), which {@code CLIENT UNBLOCK} ends a
     * blocking read with; {@code null} on a cluster, whose commands go out on one connection per
     * node.
     */
    Long clientId() {
        return cluster ? null : sync.clientId();
    }

    @Override
    public void close() {
        connection.close();
    }
}
