package io.clamator.transport.memory;

import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.Envelope;
import io.clamator.server.AbstractRpcServer;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves services on a {@link MemoryBus}. Every envelope still goes through JSON text, so tests
 * over memory exercise the same mapping as Redis. One server per service per bus: a second
 * server for a service fails at {@link #start()}.
 */
public final class MemoryRpcServer extends AbstractRpcServer {

    private static final Logger log = LoggerFactory.getLogger(MemoryRpcServer.class);

    private final MemoryBus bus;
    private final List<Registration> registrations = new ArrayList<>();

    public MemoryRpcServer(MemoryBus bus) {
        this(bus, ServerOptions.defaults());
    }

    public MemoryRpcServer(MemoryBus bus, ServerOptions options) {
        super(options);
        this.bus = bus;
    }

    @Override
    protected void startTransport(Map<String, ServiceDefinition> services) {
        try {
            services.forEach((name, service) -> {
                MemoryBus.Endpoint endpoint = json -> handle(service, json);
                bus.register(name, endpoint);
                registrations.add(new Registration(name, endpoint));
            });
        } catch (RuntimeException e) {
            unregisterAll();
            throw e;
        }
    }

    @Override
    protected void stopTransport() {
        unregisterAll();
    }

    private CompletableFuture<byte[]> handle(ServiceDefinition service, byte[] envelopeJson) {
        Envelope.Call call;
        try {
            Envelope envelope = codec.parse(envelopeJson);
            if (!(envelope instanceof Envelope.Call parsed)) {
                throw new ClamatorProtocolException("not a request or notification");
            }
            call = parsed;
        } catch (ClamatorProtocolException e) {
            log.warn("memory poison envelope: service={}: {}", service.name(), e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> dispatcher.dispatch(service, call), handlerExecutor())
                .thenCompose(response -> response)
                .thenApply(response -> response == null ? null : codec.encodeToBytes(response));
    }

    private void unregisterAll() {
        registrations.forEach(registration -> bus.unregister(registration.service, registration.endpoint));
        registrations.clear();
    }

    private record Registration(String service, MemoryBus.Endpoint endpoint) {
    }
}
