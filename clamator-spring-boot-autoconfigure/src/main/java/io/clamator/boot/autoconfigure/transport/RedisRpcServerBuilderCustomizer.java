package io.clamator.boot.autoconfigure.transport;

import io.clamator.transport.redis.RedisRpcServer;

/**
 * Customizes the {@link RedisRpcServer.Builder} of the application's server after the
 * {@code clamator.*} properties have been applied, so that one setting can change without
 * replacing the server factory. Customizers are applied in
 * {@link org.springframework.core.annotation.Order order}, for every server the application
 * context starts.
 */
@FunctionalInterface
public interface RedisRpcServerBuilderCustomizer {

    void customize(RedisRpcServer.Builder builder);
}
