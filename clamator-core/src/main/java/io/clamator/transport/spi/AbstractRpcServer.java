package io.clamator.transport.spi;

import io.clamator.health.ClamatorHealth;
import io.clamator.metrics.Watch;
import io.clamator.protocol.EnvelopeCodec;
import io.clamator.server.RpcServer;
import io.clamator.server.ServerDescription;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every server transport shares: registration, the one-way lifecycle, the handler executor
 * (created and owned when the options supply none) and the whole of stopping. {@link #stop()}
 * stops every {@link ServiceWorker} in the same order, within one grace period
 * ({@link ServerOptions#shutdownGrace()}): it stops receiving, waits for the handlers in flight,
 * abandons those still running at the deadline, then lets the transport release its resources.
 */
public abstract class AbstractRpcServer implements RpcServer {

    private static final Logger log = LoggerFactory.getLogger(AbstractRpcServer.class);

    private final ServerOptions options;
    private final RpcDispatcher dispatcher;
    private final EnvelopeCodec codec;
    private final CallDecoder callDecoder;
    private final Map<String, ServiceDefinition> services = new LinkedHashMap<>();
    private final Lifecycle lifecycle = new Lifecycle("server");
    private volatile boolean draining;
    /** Read without the lock by {@link #describe()}, which must not wait for a stop. */
    private volatile List<ServiceDefinition> registered = List.of();
    private volatile List<? extends ServiceWorker> workers = List.of();
    private List<Watch> loadWatches = List.of();
    private Executor handlerExecutor;
    private ExecutorService ownedExecutor;

    protected AbstractRpcServer(ServerOptions options) {
        this.options = options;
        this.dispatcher = new RpcDispatcher(options);
        this.codec = new EnvelopeCodec(options.json().mapper());
        this.callDecoder = new CallDecoder(codec, options.maxPayloadBytes());
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
        registered = List.copyOf(services.values());
        return this;
    }

    @Override
    public final synchronized void start() {
        if (!lifecycle.needsStart()) {
            return;
        }
        warnOfSettingsForOtherServices();
        if (options.handlerExecutor() != null) {
            handlerExecutor = options.handlerExecutor();
        } else {
            ownedExecutor = HandlerExecutors.create("clamator-handler", options.virtualThreads());
            handlerExecutor = ownedExecutor;
        }
        List<Watch> watches = new ArrayList<>();
        try {
            for (String service : services.keySet()) {
                watches.add(options.metrics().service(keyPrefix(), service).watchLoad(
                        () -> figureOf(service, ServiceWorker::handlersActive), () -> figureOf(service, ServiceWorker::entriesQueued)));
            }
            workers = List.copyOf(startTransport(Collections.unmodifiableMap(new LinkedHashMap<>(services))));
        } catch (RuntimeException e) {
            watches.forEach(Watch::end);
            lifecycle.stop();
            shutdownOwnedExecutor();
            throw e;
        }
        loadWatches = List.copyOf(watches);
        lifecycle.started();
    }

    /**
     * Stops receiving calls, waits up to the grace period for the handlers in flight, abandons those
     * still running then (their replies are never written, their threads are interrupted), and
     * releases the transport. Returns within the grace period plus the time to close connections.
     */
    @Override
    public final synchronized void stop() {
        Lifecycle.State was = lifecycle.stop();
        if (was == Lifecycle.State.NEW) {
            releaseUnstarted();
        }
        if (was != Lifecycle.State.RUNNING) {
            return;
        }
        long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
        draining = true;
        try {
            workers.forEach(ServiceWorker::stopReceiving);
            if (!awaitIdle(deadline)) {
                log.debug("clamator server: work still under way at the end of the {} ms shutdown grace period is abandoned",
                        options.shutdownGrace().toMillis());
                workers.forEach(ServiceWorker::abandon);
            }
        } finally {
            workers = List.of();
            loadWatches.forEach(Watch::end);
            loadWatches = List.of();
            try {
                stopTransport();
            } finally {
                shutdownOwnedExecutor();
                draining = false;
            }
        }
    }

    /**
     * {@code OUT_OF_SERVICE} while a stop waits for the handlers in flight, {@code DOWN} when not
     * running, else what {@link #transportHealth()} says.
     */
    @Override
    public ClamatorHealth health() {
        if (draining) {
            return ClamatorHealth.outOfService(Map.of("state", "stopping: waiting for the handlers in flight"));
        }
        if (!lifecycle.isRunning()) {
            return lifecycle.notRunning();
        }
        return transportHealth();
    }

    @Override
    public ServerDescription describe() {
        Map<String, ServiceWorker> byService = new HashMap<>();
        workers.forEach(worker -> byService.put(worker.service(), worker));
        List<ServerDescription.Service> served = new ArrayList<>();
        for (ServiceDefinition service : registered) {
            ServiceWorker worker = byService.get(service.name());
            List<String> methods = new ArrayList<>();
            List<String> notifications = new ArrayList<>();
            service.methods().forEach(method -> (method.isNotification() ? notifications : methods).add(method.name()));
            served.add(new ServerDescription.Service(service.name(), methods, notifications, options.concurrencyOf(service.name()),
                    consumerOf(service.name()), worker == null ? 0 : worker.handlersActive(), worker == null ? 0 : worker.entriesQueued()));
        }
        return new ServerDescription(transportName(), keyPrefix(), instanceId(), isRunning(), served);
    }

    /** The transport's name, e.g. {@code redis}. */
    protected abstract String transportName();

    /** The server's instance id; {@code null} unless overridden. */
    public String instanceId() {
        return null;
    }

    /** The service's consumer in its consumer group; {@code null} unless overridden. */
    protected String consumerOf(String service) {
        return null;
    }

    /** The key prefix (namespace) the server serves under. */
    public abstract String keyPrefix();

    /** The transport's health while the server runs: {@code UP} unless the transport knows better. */
    protected ClamatorHealth transportHealth() {
        return ClamatorHealth.up(Map.of());
    }

    @Override
    public boolean isRunning() {
        return lifecycle.isRunning();
    }

    @Override
    public synchronized Set<String> services() {
        return Set.copyOf(services.keySet());
    }

    /** The server's options. */
    protected final ServerOptions options() {
        return options;
    }

    /** Runs calls against services. */
    protected final RpcDispatcher dispatcher() {
        return dispatcher;
    }

    /** The codec envelopes are read and written with. */
    protected final EnvelopeCodec codec() {
        return codec;
    }

    /** Reads received envelopes into calls, within the payload limit. */
    protected final CallDecoder callDecoder() {
        return callDecoder;
    }

    /** Where handlers run; available once started. */
    protected final Executor handlerExecutor() {
        return handlerExecutor;
    }

    /**
     * Starts serving; called once, with every registered service by name.
     *
     * @return a worker per service, which {@link #stop()} stops
     */
    protected abstract List<? extends ServiceWorker> startTransport(Map<String, ServiceDefinition> services);

    /** Releases what the transport opened; called once, after a successful start, once every worker has stopped or been abandoned. */
    protected abstract void stopTransport();

    /**
     * Releases what the transport holds from its construction (a Redis client it created, say) when
     * the server is stopped without having been started; called at most once. Does nothing by default.
     */
    protected void releaseUnstarted() {
    }

    /** Waits for every worker (each finishes its own stopping in its wait, even once the deadline has passed). */
    private boolean awaitIdle(long deadline) {
        try {
            boolean idle = true;
            for (ServiceWorker worker : workers) {
                idle &= worker.awaitIdle(deadline);
            }
            return idle;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A per-service setting for a name this server does not serve is most likely a misspelt name. */
    private void warnOfSettingsForOtherServices() {
        Set<String> named = new TreeSet<>(options.serviceConcurrency().keySet());
        named.addAll(options.serviceHandlerTimeouts().keySet());
        named.removeAll(services.keySet());
        if (!named.isEmpty()) {
            log.warn("clamator server: settings are given for services {} that this server does not serve (it serves {}); check"
                    + " their names (with Spring Boot, write a name with a dash or capitals in brackets:"
                    + " clamator.server.services[order-book].concurrency)", named, services.keySet());
        }
    }

    /** A load figure of the service's worker; 0 while it has none (before the transport has started). */
    private int figureOf(String service, ToIntFunction<ServiceWorker> figure) {
        for (ServiceWorker worker : workers) {
            if (worker.service().equals(service)) {
                return figure.applyAsInt(worker);
            }
        }
        return 0;
    }

    private void shutdownOwnedExecutor() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
            ownedExecutor = null;
        }
    }
}
