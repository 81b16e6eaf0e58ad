package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.internal.AsyncResults;
import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisServer;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reply writer of a cluster without hash tags, key by key, on a real Redis of its own: a
 * reply Redis refuses is told apart from a Redis that cannot answer now, and only the first may
 * cost the caller its reply.
 */
class PerKeyReplyWriterTest extends RedisTestSupport {

    private static final byte[] REPLY = "{\"jsonrpc\":\"2.0\",\"result\":{\"sum\":2},\"id\":\"c1\"}".getBytes(StandardCharsets.UTF_8);

    private final TestRedisServer ownRedis = TestRedis.startDedicated();
    private PerKeyReplyWriter writer;
    private String entryId;

    @Override
    protected TestRedisServer redisServer() {
        toClose.add(ownRedis);
        return ownRedis;
    }

    @BeforeEach
    void deliverOneEntry() {
        String stream = commands("arith");
        redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "$"), "arith", XGroupCreateArgs.Builder.mkstream());
        entryId = redis.xadd(stream, "type", "rpc", "envelope", "{}", "reply-to", replies("c"));
        assertThat(redis.xreadgroup(Consumer.from("arith", "arith:srv"), XReadArgs.StreamOffset.lastConsumed(stream))).hasSize(1);
        StatefulRedisConnection<String, byte[]> connection = closeLater(redisClient().connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)));
        RedisServerSettings settings = new RedisServerSettings(prefix, "srv", 100, Duration.ofMinutes(1), 16, 0, Duration.ofSeconds(1),
                false, Duration.ofMinutes(5), Duration.ofHours(1), 5, Duration.ofSeconds(10));
        writer = new PerKeyReplyWriter(new PerKeyWrites(connection.async(), stream, "arith", settings));
    }

    @Test
    void aReplyWrittenAcknowledgesAndDeletesItsEntry() {
        writer.replyAndAck(replies("c"), entryId, REPLY).toCompletableFuture().join();
        assertThat(xrange(replies("c"))).singleElement().satisfies(reply -> assertThat(value(reply, "envelope")).contains("\"sum\":2"));
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero();
        assertThat(redis.xlen(commands("arith"))).isZero();
        assertThat(redis.pttl(replies("c"))).as("the reply stream's time to live").isPositive();
    }

    @Test
    void aReplyTheKeyRefusesFailsAsRefusedForGoodAndItsEntryStaysPending() {
        redis.set(replies("c"), "not a stream");
        CompletableFuture<Void> write = writer.replyAndAck(replies("c"), entryId, REPLY).toCompletableFuture();
        assertThat(write).failsWithin(Duration.ofSeconds(30)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(ReplyWriter.ReplyRefusedException.class, refused -> assertThat(refused.kind()).isEqualTo(RedisErrorKind.WRONG_TYPE));
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).isEqualTo(1);
    }

    @Test
    void aRedisBusyWithAScriptIsNoRefusalOfTheReplyWhichIsWrittenOnceItIsFree() {
        redis.configSet("lua-time-limit", "50");
        StatefulRedisConnection<String, String> busy = closeLater(redisClient().connect());
        busy.async().eval("while true do end", ScriptOutputType.STATUS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() -> redis.exists("probe")).isInstanceOf(RedisBusyException.class));
        try {
            CompletableFuture<Void> write = writer.replyAndAck(replies("c"), entryId, REPLY).toCompletableFuture();
            assertThat(write).failsWithin(Duration.ofSeconds(30)).withThrowableThat().satisfies(failure -> {
                Throwable cause = AsyncResults.unwrap(failure);
                assertThat(cause).as("the script's own error reply, not a refusal of the reply").isInstanceOf(RedisCommandExecutionException.class);
                assertThat(RedisErrorKind.of(cause).isPassing()).isTrue();
            });
        } finally {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(redis.scriptKill()).isEqualTo("OK"));
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> redis.exists("probe") == 0);
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).as("still pending: it will be delivered again").isEqualTo(1);
        assertThat(redis.exists(replies("c"))).isZero();

        writer.replyAndAck(replies("c"), entryId, REPLY).toCompletableFuture().join();
        assertThat(xrange(replies("c"))).hasSize(1);
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero();
    }
}
