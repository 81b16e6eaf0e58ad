package io.clamator.server;

/**
 * Handles a request of a hand-built service and returns its result.
 *
 * @param <P> the params type
 * @param <R> the result type
 */
@FunctionalInterface
public interface RequestHandler<P, R> {

    /**
     * @throws io.clamator.protocol.RpcException to answer with an application error;
     *                                           any other exception answers -32603 {@code Internal error}
     */
    R handle(P params) throws Exception;
}
