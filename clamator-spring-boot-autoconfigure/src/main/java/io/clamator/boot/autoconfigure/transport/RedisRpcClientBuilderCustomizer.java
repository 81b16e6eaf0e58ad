package io.clamator.boot.autoconfigure.transport;

import io.clamator.transport.redis.RedisRpcClient;

/**
 * Customizes the {@link RedisRpcClient.Builder} of each of the application's clients (its own and
 * one per backend) after the {@code clamator.*} properties have been applied. Customizers are
 * applied in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface RedisRpcClientBuilderCustomizer {

    void customize(RedisRpcClient.Builder builder);
}
