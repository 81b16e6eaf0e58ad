package io.clamator.server;

/**
 * Handles a notification of a hand-built service. Nothing is ever replied; failures are logged.
 *
 * @param <P> the params type
 */
@FunctionalInterface
public interface NotificationHandler<P> {

    void handle(P params) throws Exception;
}
