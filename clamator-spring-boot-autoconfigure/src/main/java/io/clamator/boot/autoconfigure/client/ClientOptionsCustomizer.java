package io.clamator.boot.autoconfigure.client;

import io.clamator.client.ClientOptions;

/**
 * Customizes the {@link ClientOptions} of the application's clamator clients (its own and each
 * backend's), whatever their transport, after the {@code clamator.client.*} properties have been
 * applied: returns the options to use, e.g. {@code options.withCallbackExecutor(executor)}.
 * Customizers are applied in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface ClientOptionsCustomizer {

    ClientOptions customize(ClientOptions options);
}
