package io.clamator.boot.autoconfigure.client;

import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;

/**
 * Creates the clients of the transport in use: for the application's own client and one per
 * configured backend ({@code clamator.backends.<name>}). A client can be started once, so each
 * start of the application context asks for new ones. Each transport auto-configuration
 * contributes one; customize it with the transport's builder customizers, or define your own bean
 * to take over client creation.
 */
@FunctionalInterface
public interface RpcClientFactory {

    /**
     * Creates an unstarted client.
     *
     * @param keyPrefix  the key prefix of the services it calls
     * @param instanceId the client's instance id (over Redis it names the reply stream), or
     *                   {@code null} for a random one
     * @param options    the JSON mapping and default timeout
     */
    RpcClient create(String keyPrefix, String instanceId, ClientOptions options);
}
