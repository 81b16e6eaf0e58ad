package io.clamator.transport.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.UnblockType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

    /** How long each command waits for Redis before it fails. */
    void setTimeout(Duration timeout) {
        connection.setTimeout(timeout);
    }

    /**
     * Where a blocking read of {@code key} goes out on this connection: the node (on a cluster, the
     * master that owns the key's slot) and the id Redis gives the connection there
     * ({@code CLIENT ID}), which {@link #unblock} ends the read with; {@code null} while the
     * cluster has no master for the slot.
     */
    CompletionStage<BlockedRead> blockedReadOf(String key) {
        if (!cluster) {
            return async.clientId().thenApply(id -> new BlockedRead(null, 0, id));
        }
        StatefulRedisClusterConnection<String, V> clusterConnection = (StatefulRedisClusterConnection<String, V>) connection;
        RedisClusterNode master = clusterConnection.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
        if (master == null) {
            return CompletableFuture.completedFuture(null);
        }
        RedisURI node = master.getUri();
        return nodeConnection(node.getHost(), node.getPort())
                .thenCompose(nodeConnection -> nodeConnection.async().clientId())
                .thenApply(id -> new BlockedRead(node.getHost(), node.getPort(), id));
    }

    /**
     * Ends a blocking read of another connection ({@code CLIENT UNBLOCK ... TIMEOUT}), sent from
     * this one to the node the read went to: the read completes as if its block time had passed.
     *
     * @return Redis's answer: 1 when it found the read blocked, else 0
     */
    CompletionStage<Long> unblock(BlockedRead read) {
        if (read.host() == null) {
            return async.clientUnblock(read.clientId(), UnblockType.TIMEOUT);
        }
        return nodeConnection(read.host(), read.port())
                .thenCompose(node -> node.async().clientUnblock(read.clientId(), UnblockType.TIMEOUT));
    }

    /** The cluster's connection to one node; a node the cluster's view no longer has fails the stage (Lettuce throws). */
    private CompletionStage<StatefulRedisConnection<String, V>> nodeConnection(String host, int port) {
        try {
            return ((StatefulRedisClusterConnection<String, V>) connection).getConnectionAsync(host, port);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A blocking read's connection as Redis knows it.
     *
     * @param host     the cluster node it goes to, or {@code null} for one Redis
     * @param port     that node's port
     * @param clientId its {@code CLIENT ID} there
     */
    record BlockedRead(String host, int port, long clientId) {
    }

    @Override
    public void close() {
        connection.close();
    }
}
