package io.clamator.server;

import io.clamator.internal.HandlerExecutors;
import io.clamator.internal.Lifecycle;
import io.clamator.protocol.EnvelopeCodec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Registration, lifecycle and handler-executor ownership shared by the server transports.
 * Subclasses start and stop the transport itself.
 */
public abstract class AbstractRpcServer implements RpcServer {

    protected final ServerOptions options;
    protected final RpcDispatcher dispatcher;
    protected final EnvelopeCodec codec;

    private final Map<String, ServiceDefinition> services = new LinkedHashMap<>();
    private final Lifecycle lifecycle = new Lifecycle("server");
    private Executor handlerExecutor;
    private ExecutorService ownedExecutor;

    protected AbstractRpcServer(ServerOptions options) {
        this.options = options;
        this.dispatcher = new RpcDispatcher(options);
        this.codec = new EnvelopeCodec(options.json());
    }

    @Override
    public synchronized RpcServer register(ServiceDefinition service) {
        if (lifecycle.state() != Lifecycle.State.NEW) {
            throw new IllegalStateException("cannot register service \"" + service.name()
                    + "\": the server has already been started; register every service before start()");
        }
        if (services.putIfAbsent(service.name(), service) != null) {
            throw new IllegalArgumentException("service \"" + service.name() + "\" already registered on this server");
        }
        return this;
    }

    @Override
    public synchronized void start() {
        if (!lifecycle.start()) {
            return;
        }
        if (options.handlerExecutor() != null) {
            handlerExecutor = options.handlerExecutor();
        } else {
            ownedExecutor = HandlerExecutors.create("clamator-handler", options.virtualThreads());
            handlerExecutor = ownedExecutor;
        }
        try {
            startTransport(Collections.unmodifiableMap(new LinkedHashMap<>(services)));
        } catch (RuntimeException e) {
            lifecycle.stop();
            shutdownOwnedExecutor();
            throw e;
        }
    }

    @Override
    public synchronized void stop() {
        if (lifecycle.stop()) {
            try {
                stopTransport();
            } finally {
                shutdownOwnedExecutor();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return lifecycle.isRunning();
    }

    @Override
    public synchronized Set<String> services() {
        return Set.copyOf(services.keySet());
    }

    /** Where handlers run; available once started. */
    protected Executor handlerExecutor() {
        return handlerExecutor;
    }

    /** Starts serving; called once, with every registered service by name. */
    protected abstract void startTransport(Map<String, ServiceDefinition> services);

    /** Stops serving; called once, after a successful start. */
    protected abstract void stopTransport();

    private void shutdownOwnedExecutor() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
            ownedExecutor = null;
        }
    }
}
