package io.clamator.transport.redis;

import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisServer;
import io.lettuce.core.RedisClient;
import io.clamator.test.redis.TestRedisCluster;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * Base of the tests against a real Redis: a unique key prefix per test, servers and clients
 * closed after it, and a plain connection for reading the raw Redis state. A subclass that
 * returns a cluster from {@link #redisCluster()} runs the same tests on a Redis Cluster.
 */
@Tag("redis")
abstract class RedisTestSupport {

    protected final String prefix = keyPrefix("t-" + UUID.randomUUID().toString().substring(0, 8));
    protected final List<AutoCloseable> toClose = new ArrayList<>();
    protected TestRedisServer redisServer;
    protected RedisClusterCommands<String, String> redis;
    private RedisClient inspectorClient;
    private RedisClusterClient clusterInspectorClient;
    private StatefulConnection<String, String> inspector;

    /** The Redis this test talks to; the shared one unless a test needs its own. */
    protected TestRedisServer redisServer() {
        return TestRedis.shared();
    }

    /** The Redis Cluster this test talks to instead, or {@code null} for the {@link #redisServer()}. */
    protected TestRedisCluster redisCluster() {
        return null;
    }

    /** The test's key prefix made of a unique {@code base}; a subclass may give it a hash tag. */
    protected String keyPrefix(String base) {
        return base;
    }

    @BeforeEach
    void openInspector() {
        TestRedisCluster cluster = redisCluster();
        if (cluster != null) {
            clusterInspectorClient = RedisClusterClient.create(cluster.urls().stream().map(RedisURI::create).toList());
            StatefulRedisClusterConnection<String, String> connection = clusterInspectorClient.connect();
            inspector = connection;
            redis = connection.sync();
            return;
        }
        redisServer = redisServer();
        inspectorClient = RedisClient.create(redisServer.url());
        StatefulRedisConnection<String, String> connection = inspectorClient.connect();
        inspector = connection;
        redis = connection.sync();
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        inspector.close();
        if (inspectorClient != null) {
            inspectorClient.shutdown();
        }
        if (clusterInspectorClient != null) {
            clusterInspectorClient.shutdown();
        }
    }

    /** A Lettuce client of the test's Redis, for connections of a test's own. */
    protected RedisClient redisClient() {
        return inspectorClient;
    }

    protected RedisRpcServer.Builder serverBuilder() {
        return connectTo(RedisRpcServer.builder().keyPrefix(prefix));
    }

    protected RedisRpcClient.Builder clientBuilder() {
        return connectTo(RedisRpcClient.builder().keyPrefix(prefix));
    }

    private <B extends RedisTransportBuilder<B>> B connectTo(B builder) {
        TestRedisCluster cluster = redisCluster();
        return cluster != null ? builder.redisCluster(cluster.urls().toArray(String[]::new)) : builder.redisUri(redisServer.url());
    }

    /** Commands on raw bytes (keys and values), to the test's Redis or cluster, closed after the test. */
    protected RedisClusterCommands<byte[], byte[]> rawBytes() {
        if (redisCluster() != null) {
            StatefulRedisClusterConnection<byte[], byte[]> connection = closeLater(clusterInspectorClient.connect(ByteArrayCodec.INSTANCE));
            return connection.sync();
        }
        StatefulRedisConnection<byte[], byte[]> connection = closeLater(inspectorClient.connect(ByteArrayCodec.INSTANCE));
        return connection.sync();
    }

    /** The dead letters of the test's key prefix, closed after the test. */
    protected RedisDeadLetters deadLetters() {
        return closeLater(redisCluster() != null ? RedisDeadLetters.using(clusterInspectorClient, prefix)
                : RedisDeadLetters.connect(redisServer.url(), prefix));
    }

    /** The service streams of a key prefix, closed after the test. */
    protected RedisServiceStreams serviceStreams(String keyPrefix) {
        return closeLater(redisCluster() != null ? RedisServiceStreams.using(clusterInspectorClient, keyPrefix)
                : RedisServiceStreams.connect(redisServer.url(), keyPrefix));
    }

    /** Where a server process started by {@link ServerProcessHandle} finds the test's Redis (see {@link ArithServerProcess}). */
    protected String redisTarget() {
        TestRedisCluster cluster = redisCluster();
        return cluster != null ? ArithServerProcess.CLUSTER + String.join(",", cluster.urls()) : redisServer.url();
    }

    /** The Redis that holds {@code key}: the test's Redis, or the cluster master that owns the key's slot. */
    protected TestRedisServer nodeOf(String key) {
        TestRedisCluster cluster = redisCluster();
        return cluster != null ? cluster.masterOf(key) : redisServer;
    }

    /** The {@code redis_version} of the test's Redis. */
    protected String redisVersion() {
        return redis.info("server").lines().filter(line -> line.startsWith("redis_version:")).findFirst()
                .map(line -> line.substring("redis_version:".length()).trim()).orElseThrow();
    }

    protected <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    protected RedisRpcClient startedClient() {
        RedisRpcClient client = closeLater(clientBuilder().build());
        client.start();
        return client;
    }

    /** XRANGE with fields exactly in the order Redis stores them: each entry is [id, [field, value, ...]]. */
    @SuppressWarnings("unchecked")
    protected List<List<Object>> xrange(String key) {
        List<Object> raw = redis.dispatch(CommandType.XRANGE, new NestedMultiOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).addKey(key).add("-").add("+"));
        List<List<Object>> entries = new ArrayList<>();
        raw.forEach(entry -> entries.add((List<Object>) entry));
        return entries;
    }

    /** The field/value list of an XRANGE entry. */
    @SuppressWarnings("unchecked")
    protected static List<String> fields(List<Object> entry) {
        return (List<String>) (List<?>) entry.get(1);
    }

    protected static String value(List<Object> entry, String field) {
        List<String> fields = fields(entry);
        for (int i = 0; i < fields.size(); i += 2) {
            if (fields.get(i).equals(field)) {
                return fields.get(i + 1);
            }
        }
        return null;
    }

    protected String commands(String service) {
        return prefix + ":cmds:" + service;
    }

    protected String replies(String clientInstanceId) {
        return prefix + ":replies:" + clientInstanceId;
    }
}
