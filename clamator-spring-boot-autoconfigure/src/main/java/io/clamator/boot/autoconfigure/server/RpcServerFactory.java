package io.clamator.boot.autoconfigure.server;

import io.clamator.server.RpcServer;

/**
 * Creates the server of the transport in use. A server can be started once, so the server
 * lifecycle asks for a new one whenever the application context starts (after a
 * {@code stop()} as well). Each transport auto-configuration contributes one; customize it with
 * the transport's builder customizers, or define your own bean to take over server creation.
 */
@FunctionalInterface
public interface RpcServerFactory {

    /** Creates a server with no services registered, not started. */
    RpcServer create();
}
