package io.clamator.boot.autoconfigure.client;

import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;

/**
 * Creates the clients of the transport in use: the application's own client and one per
 * configured backend ({@code clamator.backends.<name>}). Each transport auto-configuration
 * contributes one; define your own bean to take over client creation.
 */
@FunctionalInterface
public interface RpcClientFactory {

    /**
     * Creates an unstarted client.
     *
     * @param keyPrefix the key prefix of the services it calls
     * @param options   the JSON mapping and default timeout
     */
    RpcClient create(String keyPrefix, ClientOptions options);
}
