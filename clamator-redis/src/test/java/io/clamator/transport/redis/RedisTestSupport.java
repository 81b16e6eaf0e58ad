package io.clamator.transport.redis;

import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
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
 * closed after it, and a plain connection for reading the raw Redis state.
 */
@Tag("redis")
abstract class RedisTestSupport {

    protected final String prefix = "t-" + UUID.randomUUID().toString().substring(0, 8);
    protected final List<AutoCloseable> toClose = new ArrayList<>();
    protected TestRedisServer redisServer;
    protected RedisCommands<String, String> redis;
    private RedisClient inspectorClient;
    private StatefulRedisConnection<String, String> inspector;

    /** The Redis this test talks to; the shared one unless a test needs its own. */
    protected TestRedisServer redisServer() {
        return TestRedis.shared();
    }

    @BeforeEach
    void openInspector() {
        redisServer = redisServer();
        inspectorClient = RedisClient.create(redisServer.url());
        inspector = inspectorClient.connect();
        redis = inspector.sync();
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        inspector.close();
        inspectorClient.shutdown();
    }

    /** A Lettuce client of the test's Redis, for connections of a test's own. */
    protected RedisClient redisClient() {
        return inspectorClient;
    }

    protected RedisRpcServer.Builder serverBuilder() {
        return RedisRpcServer.builder().keyPrefix(prefix).redisUri(redisServer.url());
    }

    protected RedisRpcClient.Builder clientBuilder() {
        return RedisRpcClient.builder().keyPrefix(prefix).redisUri(redisServer.url());
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
