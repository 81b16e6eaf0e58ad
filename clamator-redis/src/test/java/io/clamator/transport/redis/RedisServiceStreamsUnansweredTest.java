package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The listing of a prefix's services when Redis holds the inspection unanswered: the endpoint turns the failure into a 503. */
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

    private void clientPause(String... args) {
        CommandArgs<String, String> command = new CommandArgs<>(StringCodec.UTF8);
        for (String arg : args) {
            command.add(arg);
        }
        redis.dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8), command);
    }
}
