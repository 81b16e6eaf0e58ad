package io.clamator.boot.autoconfigure.endpoint;

import io.clamator.boot.autoconfigure.transport.ClamatorRedisConnection;
import io.clamator.transport.redis.RedisDeadLetters;
import io.clamator.transport.redis.RedisServiceStreams;
import io.clamator.transport.redis.RedisUnavailableException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.time.Duration;
import java.util.function.Function;

/**
 * The endpoint's way into Redis: a connection of the application's clamator Lettuce client for
 * the length of one operation (operations are rare; nothing stays open in between), whose
 * commands wait for Redis as long as the transport's ({@code clamator.redis.command-timeout}).
 * A Redis that cannot be reached or does not answer in time fails the operation with
 * {@link RedisUnreachableException} (503 over HTTP).
 */
final class ClamatorRedisView {

    private final ClamatorRedisConnection connection;

    private final Duration commandTimeout;

    ClamatorRedisView(ClamatorRedisConnection connection, Duration commandTimeout) {
        this.connection = connection;
        this.commandTimeout = commandTimeout;
    }

    <T> T streams(String keyPrefix, Function<RedisServiceStreams, T> operation) {
        try (RedisServiceStreams streams = this.connection.serviceStreams(keyPrefix, this.commandTimeout)) {
            return operation.apply(streams);
        }
        catch (RedisConnectionException | RedisCommandTimeoutException | RedisUnavailableException ex) {
            throw new RedisUnreachableException(keyPrefix, ex);
        }
    }

    <T> T deadLetters(String keyPrefix, Function<RedisDeadLetters, T> operation) {
        try (RedisDeadLetters deadLetters = this.connection.deadLetters(keyPrefix, this.commandTimeout)) {
            return operation.apply(deadLetters);
        }
        catch (RedisConnectionException | RedisCommandTimeoutException | RedisUnavailableException ex) {
            throw new RedisUnreachableException(keyPrefix, ex);
        }
    }
}
