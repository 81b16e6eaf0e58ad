package io.clamator.boot.autoconfigure.server;

import io.clamator.server.ServerOptions;

/**
 * Customizes the {@link ServerOptions} of the application's clamator server, whatever its
 * transport, after the {@code clamator.server.*} properties have been applied. Customizers are
 * applied in {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface ServerOptionsBuilderCustomizer {

    void customize(ServerOptions.Builder builder);
}
