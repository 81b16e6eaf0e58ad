package io.clamator.server;

import java.util.concurrent.CompletionStage;

/**
 * Handles a request of a hand-built service asynchronously.
 *
 * @param <P> the params type
 * @param <R> the result type
 */
@FunctionalInterface
public interface AsyncRequestHandler<P, R> {

    /** Completing exceptionally with an {@link io.clamator.protocol.RpcException} answers with that error. */
    CompletionStage<R> handle(P params);
}
