package io.clamator.transport.memory;

import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;
import io.clamator.server.RpcServer;
import io.clamator.server.ServerOptions;
import io.clamator.testing.TransportBehaviourSuite;
import java.time.Duration;

/** The behaviour every transport shares, over the memory transport. */
class MemoryTransportBehaviourTest extends TransportBehaviourSuite {

    private final MemoryBus bus = new MemoryBus();

    @Override
    protected RpcServer newServer(String keyPrefix, ServerOptions options) {
        return new MemoryRpcServer(bus, keyPrefix, options);
    }

    @Override
    protected RpcClient newClient(String keyPrefix, Duration defaultTimeout, int maxPayloadBytes) {
        return new MemoryRpcClient(bus, keyPrefix, ClientOptions.defaults().withDefaultTimeout(defaultTimeout)
                .withMaxPayloadBytes(maxPayloadBytes));
    }
}
