package io.clamator.boot.autoconfigure.endpoint;

import io.clamator.boot.autoconfigure.transport.ClamatorRedisConnection;
import io.clamator.transport.redis.RedisDeadLetters;
import io.clamator.transport.redis.RedisServiceStreams;
import java.util.function.Function;

/**
 * The endpoint's way into Redis: a connection of the application's clamator Lettuce client for
 * the length of one operation (operations are rare; nothing stays open in between).
 */
final class ClamatorRedisView {

    private final ClamatorRedisConnection connection;

    ClamatorRedisView(ClamatorRedisConnection connection) {
        this.connection = connection;
    }

    <T> T streams(String keyPrefix, Function<RedisServiceStreams, T> operation) {
        try (RedisServiceStreams streams = this.connection.serviceStreams(keyPrefix)) {
            return operation.apply(streams);
        }
    }

    <T> T deadLetters(String keyPrefix, Function<RedisDeadLetters, T> operation) {
        try (RedisDeadLetters deadLetters = this.connection.deadLetters(keyPrefix)) {
            return operation.apply(deadLetters);
        }
    }
}
