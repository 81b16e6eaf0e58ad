package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The listing of a prefix's services when Redis holds the inspection unanswered, or the listing takes too long: the endpoint
 * turns the failure into a 503.
 */
class RedisServiceStreamsUnansweredTest extends RedisTestSupport {

    @Test
    void aListingRedisDoesNotAnswerInTimeFailsAsRedisNotAnswering() {
        redis.xadd(commands("billing"), Map.of("type", "rpc", "envelope", "{}"));
        RedisServiceStreams streams = closeLater(RedisServiceStreams.using(redisClient(), RedisURI.create(redisServer.url()), prefix,
                Duration.ofMillis(500)));
        clientPause("PAUSE", "30000", "WRITE"); // scripts wait while writes are paused; SCAN and EXISTS are answered
        try {
            assertThatThrownBy(streams::list).isInstanceOf(RedisCommandTimeoutException.class);
        } finally {
            clientPause("UNPAUSE");
        }
    }

    @Test
    void aListingWhoseKeysTakeLongerThanItsTimeLimitToScanStopsScanning() {
        AtomicLong reads = new AtomicLong();
        long pastTheLimit = RedisServiceStreams.LIST_TIME_LIMIT.toNanos() + 1;
        RedisServiceStreams streams = listing(() -> reads.getAndIncrement() == 0 ? 0 : pastTheLimit);

        assertThatThrownBy(streams::list).isInstanceOf(RedisCommandTimeoutException.class)
                .hasMessage("listing the services of key prefix \"" + prefix + "\" took longer than 30 s; stopped scanning the keys"
                        + " after 0 SCAN pages (0 command streams found)");
    }

    @Test
    void aListingWhoseServicesTakeLongerThanItsTimeLimitToInspectStopsInspecting() {
        for (String service : List.of("a", "b", "c")) {
            redis.xadd(commands(service), Map.of("type", "rpc", "envelope", "{}"));
        }
        AtomicLong readsOfOneListing = new AtomicLong();
        assertThat(listing(() -> {
            readsOfOneListing.incrementAndGet();
            return 0;
        }).list()).extracting(RedisServiceStreams.ServiceStream::service).containsExactly("a", "b", "c");
        AtomicLong reads = new AtomicLong();
        long pastTheLimit = RedisServiceStreams.LIST_TIME_LIMIT.toNanos() + 1;
        RedisServiceStreams streams = listing(() -> reads.incrementAndGet() < readsOfOneListing.get() ? 0 : pastTheLimit);

        assertThatThrownBy(streams::list).isInstanceOf(RedisCommandTimeoutException.class)
                .hasMessageStartingWith("listing the services of key prefix \"" + prefix + "\" took longer than 30 s; stopped inspecting "
                        + prefix + ":cmds:");
    }

    private RedisServiceStreams listing(LongSupplier nanoTime) {
        return closeLater(new RedisServiceStreams(OperatorConnection.own(redisServer.url(), RedisConnector.CODEC, null), prefix, nanoTime));
    }

    private void clientPause(String... args) {
        CommandArgs<String, String> command = new CommandArgs<>(StringCodec.UTF8);
        for (String arg : args) {
            command.add(arg);
        }
        redis.dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8), command);
    }
}
