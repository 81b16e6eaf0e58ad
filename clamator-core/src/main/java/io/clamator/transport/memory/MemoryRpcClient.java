package io.clamator.transport.memory;

import io.clamator.client.ClientOptions;
import io.clamator.transport.spi.AbstractRpcClient;
import io.clamator.transport.spi.OutgoingMessage;
import io.clamator.transport.spi.TransportTimer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls services on a {@link MemoryBus} under one key prefix. As over Redis, a call to a service
 * nobody serves under that prefix is not answered and times out (a WARN names the service and the
 * prefix the first time); a notification to one is dropped; replies and timeouts complete the
 * calls on a thread of the client's own (never on a handler's), where a blocking call fails at once.
 */
public final class MemoryRpcClient extends AbstractRpcClient {

    private static final Logger log = LoggerFactory.getLogger(MemoryRpcClient.class);

    private final MemoryBus bus;
    private final String keyPrefix;
    private final Set<String> reportedUnserved = ConcurrentHashMap.newKeySet();
    private volatile MemoryTimer timer;

    /** A client of the {@linkplain MemoryBus#DEFAULT_KEY_PREFIX default key prefix}, with default options. */
    public MemoryRpcClient(MemoryBus bus) {
        this(bus, ClientOptions.defaults());
    }

    /** A client of the {@linkplain MemoryBus#DEFAULT_KEY_PREFIX default key prefix}. */
    public MemoryRpcClient(MemoryBus bus, ClientOptions options) {
        this(bus, MemoryBus.DEFAULT_KEY_PREFIX, options);
    }

    /** A client of the services served on the bus under {@code keyPrefix}. */
    public MemoryRpcClient(MemoryBus bus, String keyPrefix, ClientOptions options) {
        super(options);
        this.bus = bus;
        this.keyPrefix = keyPrefix;
    }

    @Override
    protected String transportName() {
        return "memory";
    }

    @Override
    public String keyPrefix() {
        return keyPrefix;
    }

    @Override
    public String toString() {
        return "memory client of key prefix " + keyPrefix;
    }

    @Override
    protected void startTransport() {
        timer = new MemoryTimer("clamator-memory-client");
    }

    @Override
    protected TransportTimer timer() {
        return timer;
    }

    /** The client's thread delivers replies and timeouts: a blocking call there could never be answered. */
    @Override
    protected boolean isTransportThread() {
        MemoryTimer current = timer;
        return current != null && current.isCurrentThread();
    }

    @Override
    protected void stopTransport() {
        timer.close();
    }

    @Override
    protected String unansweredHint(String service) {
        return bus.inbox(keyPrefix, service) == null
                ? "no server on this MemoryBus serves \"" + service + "\" under key prefix \"" + keyPrefix + "\""
                : "key prefix \"" + keyPrefix + "\"";
    }

    @Override
    protected CompletableFuture<Void> send(OutgoingMessage message) {
        MemoryBus.Inbox inbox = bus.inbox(keyPrefix, message.service());
        if (inbox == null) {
            if (message.expectsReply() && reportedUnserved.add(message.service())) {
                log.warn("no server on this MemoryBus serves service \"{}\" under key prefix \"{}\"; calls to it time out, as over Redis",
                        message.service(), keyPrefix);
            }
            return CompletableFuture.completedFuture(null);
        }
        long deadline = message.expectsReply() ? System.nanoTime() + message.timeout().toNanos() : MemoryBus.NO_DEADLINE;
        inbox.deliver(message.envelope(), message.fields(), deadline,
                message.expectsReply() ? reply -> timer.execute(() -> deliverReply(reply)) : reply -> { });
        return CompletableFuture.completedFuture(null);
    }
}
