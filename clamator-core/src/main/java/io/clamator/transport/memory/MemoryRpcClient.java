package io.clamator.transport.memory;

import io.clamator.client.AbstractRpcClient;
import io.clamator.client.ClientOptions;
import io.clamator.client.OutgoingMessage;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.ErrorCodes;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

/**
 * Calls services on a {@link MemoryBus}. A request to a service nobody serves is answered with
 * -32601 {@code Method not found}; a notification to one is dropped.
 */
public final class MemoryRpcClient extends AbstractRpcClient {

    private static final Logger log = LoggerFactory.getLogger(MemoryRpcClient.class);

    private final MemoryBus bus;

    public MemoryRpcClient(MemoryBus bus) {
        this(bus, ClientOptions.defaults());
    }

    public MemoryRpcClient(MemoryBus bus, ClientOptions options) {
        super(options);
        this.bus = bus;
    }

    @Override
    protected void startTransport() {
        // nothing to open: replies are handed back in-process
    }

    @Override
    protected void stopTransport() {
        // nothing to close
    }

    @Override
    protected CompletableFuture<Void> send(OutgoingMessage message) {
        MemoryBus.Endpoint endpoint = bus.endpoint(message.service());
        if (endpoint == null) {
            if (message.expectsReply()) {
                deliverReply(codec.encodeToBytes(new Envelope.Error(StringNode.valueOf(message.callId()),
                        ErrorCodes.METHOD_NOT_FOUND, ErrorCodes.METHOD_NOT_FOUND_MESSAGE, NullNode.getInstance())));
            }
            return CompletableFuture.completedFuture(null);
        }
        endpoint.handle(message.envelope()).whenComplete((reply, error) -> {
            if (error != null) {
                log.warn("dispatcher threw: service={}", message.service(), error);
                if (message.expectsReply()) {
                    failCall(message.callId(), new ClamatorTransportException("dispatcher threw", error));
                }
            } else if (reply != null) {
                deliverReply(reply);
            } else if (message.expectsReply()) {
                failCall(message.callId(), new ClamatorTransportException("dispatcher returned null for a request"));
            }
        });
        return CompletableFuture.completedFuture(null);
    }
}
