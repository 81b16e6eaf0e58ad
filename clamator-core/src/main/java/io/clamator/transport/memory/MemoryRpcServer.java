package io.clamator.transport.memory;

import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import io.clamator.transport.spi.AbstractRpcServer;
import io.clamator.transport.spi.ServiceWorker;
import io.clamator.transport.spi.TimeLimitedDispatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Serves services on a {@link MemoryBus}, behaving as a Redis server would where a test could
 * notice: services are reached under the server's key prefix only, each runs at most its
 * {@linkplain ServerOptions#concurrencyOf(String) concurrency} of handlers at once (one by default,
 * in arrival order), a request over {@link ServerOptions#maxPayloadBytes()} is answered with an
 * error unread, malformed envelopes are dropped unanswered, a call whose caller stopped waiting
 * before it could start is not run, and {@link #stop()} waits for the handlers in flight within the shutdown
 * grace period. Every envelope goes through JSON text, so tests over memory exercise the same
 * mapping as Redis. One server per service and key prefix per bus: a second one fails at
 * {@link #start()}.
 */
public final class MemoryRpcServer extends AbstractRpcServer {

    private final MemoryBus bus;
    private final String keyPrefix;
    private MemoryTimer timer;

    /** A server under the {@linkplain MemoryBus#DEFAULT_KEY_PREFIX default key prefix}, with default options. */
    public MemoryRpcServer(MemoryBus bus) {
        this(bus, ServerOptions.defaults());
    }

    /** A server under the {@linkplain MemoryBus#DEFAULT_KEY_PREFIX default key prefix}. */
    public MemoryRpcServer(MemoryBus bus, ServerOptions options) {
        this(bus, MemoryBus.DEFAULT_KEY_PREFIX, options);
    }

    /** A server whose services are reached by memory clients of the same key prefix. */
    public MemoryRpcServer(MemoryBus bus, String keyPrefix, ServerOptions options) {
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
        return "memory server of key prefix " + keyPrefix;
    }

    @Override
    protected List<? extends ServiceWorker> startTransport(Map<String, ServiceDefinition> services) {
        timer = new MemoryTimer("clamator-memory-server-timer");
        List<MemoryServiceWorker> workers = new ArrayList<>();
        try {
            for (ServiceDefinition service : services.values()) {
                MemoryServiceWorker worker = new MemoryServiceWorker(bus, keyPrefix, service, options().concurrencyOf(service.name()),
                        handlerExecutor(), timer, callDecoder(), new TimeLimitedDispatch(dispatcher(), options(), timer, keyPrefix), codec(),
                        options().metrics().service(keyPrefix, service.name()));
                worker.register();
                workers.add(worker);
            }
        } catch (RuntimeException e) {
            workers.forEach(MemoryServiceWorker::stopReceiving);
            timer.close();
            throw e;
        }
        return workers;
    }

    @Override
    protected void stopTransport() {
        timer.close();
    }
}
