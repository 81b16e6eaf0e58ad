package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Level;
import io.clamator.testing.LogCapture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The check for replies trimmed unread, against a real reply stream and a given count of entries read. */
@Tag("redis7")
class ReplyTrimCheckTest extends RedisTestSupport {

    private final AtomicLong read = new AtomicLong();

    @Test
    void aReplyStreamCreatedAgainIsCheckedFromWhereTheNewStreamBegan() throws Exception {
        assumeThat(redisVersion()).as("XINFO STREAM tells entries-added from Redis 7 on").doesNotStartWith("6.");
        String stream = replies("restarted");
        ReplyTrimCheck check = startedCheckOf(stream);
        try (LogCapture logs = LogCapture.of(ReplyTrimCheck.class)) {
            add(stream, 10, 10);
            read.set(10);
            check.check().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(logs.at(Level.WARN)).as("every entry gone was read").isEmpty();

            redis.del(stream); // as after a Redis restart without persistence
            add(stream, 5, 0);
            check.check().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(logs.at(Level.WARN)).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                    .contains("trimmed from its reply stream " + stream + " before it read them (5 so far)"));
        }
    }

    @Test
    void aReplyStreamCreatedAgainWithoutACheckBetweenIsCheckedFromTheCheckThatFindsIt() throws Exception {
        assumeThat(redisVersion()).as("XINFO STREAM tells entries-added from Redis 7 on").doesNotStartWith("6.");
        String stream = replies("restarted-unseen");
        ReplyTrimCheck check = startedCheckOf(stream);
        try (LogCapture logs = LogCapture.of(ReplyTrimCheck.class)) {
            read.set(50); // read from the stream before it was created again
            redis.del(stream);
            add(stream, 5, 5);
            check.check().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(logs.at(Level.WARN)).as("found new, counted from now").isEmpty();
            add(stream, 4, 0); // the new stream's entries trimmed unread
            check.check().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(logs.at(Level.WARN)).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                    .contains("before it read them (9 so far)"));
        }
    }

    @Test
    void aCheckThatFailsReadingItsAnswerLeavesTheNextOneToRun() throws Exception {
        String stream = replies("unreadable");
        add(stream, 1, 1);
        AtomicLong reads = new AtomicLong();
        StatefulRedisConnection<String, byte[]> connection =
                closeLater(redisClient().connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)));
        ReplyTrimCheck check = new ReplyTrimCheck(connection.async(), stream, () -> {
            if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("the count of entries read failed");
            }
            return 1;
        });
        check.start();

        assertThat(check.check().toCompletableFuture()).failsWithin(20, TimeUnit.SECONDS);
        check.check().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(reads).as("the second check ran").hasValue(2);
    }

    /** A started check of the stream, on a connection of its own, counting {@link #read} as the entries read. */
    private ReplyTrimCheck startedCheckOf(String stream) {
        StatefulRedisConnection<String, byte[]> connection =
                closeLater(redisClient().connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE)));
        ReplyTrimCheck check = new ReplyTrimCheck(connection.async(), stream, read::get);
        check.start();
        return check;
    }

    /** Adds {@code count} entries to the stream and trims it to {@code keep}. */
    private void add(String stream, int count, int keep) {
        redis.eval("for i = 1, tonumber(ARGV[1]) do redis.call('XADD', KEYS[1], '*', 'type', 'rpc', 'envelope', '{}') end"
                + " return redis.call('XTRIM', KEYS[1], 'MAXLEN', tonumber(ARGV[2]))", ScriptOutputType.INTEGER, new String[] {stream},
                Integer.toString(count), Integer.toString(keep));
    }
}
