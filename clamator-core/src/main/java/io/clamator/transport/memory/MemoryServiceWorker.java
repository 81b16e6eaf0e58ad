package io.clamator.transport.memory;

import io.clamator.metrics.ServiceMeters;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.EnvelopeCodec;
import io.clamator.protocol.Names;
import io.clamator.server.ServiceDefinition;
import io.clamator.transport.spi.CallDecoder;
import io.clamator.transport.spi.EntryScheduler;
import io.clamator.transport.spi.OversizedCallException;
import io.clamator.transport.spi.RateLimitedLog;
import io.clamator.transport.spi.TimeLimitedDispatch;
import io.clamator.transport.spi.ServiceWorker;
import io.clamator.transport.spi.TransportTimer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Serves one service on a {@link MemoryBus} the way a Redis server serves its stream: calls wait
 * in arrival order for one of the service's handler slots, malformed envelopes are dropped with a
 * WARN and never answered, a request over the payload limit is answered with an error unread, a
 * call whose caller stopped waiting before it could start is not run, and a reply is handed back
 * once its handler has finished.
 */
final class MemoryServiceWorker implements ServiceWorker, MemoryBus.Inbox {

    private static final Logger log = LoggerFactory.getLogger(MemoryRpcServer.class);
    private static final int SKIPS_LOGGED_PER_MINUTE = 20;

    private final MemoryBus bus;
    private final String keyPrefix;
    private final ServiceDefinition service;
    private final CallDecoder decoder;
    private final TimeLimitedDispatch dispatcher;
    private final EnvelopeCodec codec;
    private final EntryScheduler<ReceivedCall> scheduler;
    private final ServiceMeters meters;
    private final RateLimitedLog skips = new RateLimitedLog(log, Level.INFO, SKIPS_LOGGED_PER_MINUTE);

    MemoryServiceWorker(MemoryBus bus, String keyPrefix, ServiceDefinition service, int concurrency, Executor executor,
                        TransportTimer timer, CallDecoder decoder, TimeLimitedDispatch dispatcher, EnvelopeCodec codec,
                        ServiceMeters meters) {
        this.bus = bus;
        this.keyPrefix = keyPrefix;
        this.service = service;
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.codec = codec;
        this.meters = meters;
        this.scheduler = EntryScheduler.<ReceivedCall>builder(service.name(), concurrency)
                .executor(executor)
                .timer(timer)
                .build(this::handle);
    }

    void register() {
        bus.register(keyPrefix, service.name(), this);
    }

    @Override
    public void deliver(byte[] envelopeJson, Map<String, String> fields, long deadlineNanos, Consumer<byte[]> replies) {
        if (!scheduler.submit(List.of(new ReceivedCall(envelopeJson, fields, deadlineNanos, replies)))) {
            log.debug("service {}: a call arrived while the server stops; it gets no reply", service.name());
        }
    }

    private CompletionStage<Void> handle(ReceivedCall received, EntryScheduler.Run run) {
        Envelope.Call call;
        try {
            call = decoder.decode(received.envelopeJson);
        } catch (OversizedCallException e) {
            log.warn("memory poison envelope: service={}: {}", service.name(), e.getMessage());
            Envelope.Error reply = e.errorReply();
            if (reply != null) {
                received.replies.accept(codec.encodeToBytes(reply));
            }
            run.releaseSlot();
            return CompletableFuture.completedFuture(null);
        } catch (ClamatorProtocolException e) {
            log.warn("memory poison envelope: service={}: {}", service.name(), e.getMessage());
            meters.poison();
            run.releaseSlot();
            return CompletableFuture.completedFuture(null);
        }
        long overdueNanos = received.deadlineNanos == MemoryBus.NO_DEADLINE ? 0 : System.nanoTime() - received.deadlineNanos;
        if (overdueNanos > 0) {
            skips.log("service {}: call {} not run: its caller stopped waiting {} ms before it could start", service.name(),
                    Names.qualified(service.name(), call.method()), TimeUnit.NANOSECONDS.toMillis(overdueNanos));
            run.releaseSlot();
            return CompletableFuture.completedFuture(null);
        }
        return dispatcher.dispatch(service, call, received::fields, run, response -> {
            if (response != null && !run.isAbandoned()) {
                received.replies.accept(codec.encodeToBytes(response));
            }
            run.releaseSlot();
            return CompletableFuture.<Void>completedFuture(null);
        });
    }

    @Override
    public String service() {
        return service.name();
    }

    @Override
    public int handlersActive() {
        return scheduler.inFlight();
    }

    @Override
    public int entriesQueued() {
        return scheduler.queued();
    }

    @Override
    public void stopReceiving() {
        bus.unregister(keyPrefix, service.name(), this);
        List<ReceivedCall> left = scheduler.stop();
        if (!left.isEmpty()) {
            log.info("service {}: {} call(s) received but not started get no reply; their callers time out", service.name(), left.size());
        }
    }

    @Override
    public boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        return scheduler.awaitIdle(deadlineNanos);
    }

    @Override
    public void abandon() {
        int left = scheduler.abandon();
        if (left > 0) {
            log.warn("service {}: {} handler(s) still running after the shutdown grace period are interrupted; their calls get no reply",
                    service.name(), left);
        }
    }

    private record ReceivedCall(byte[] envelopeJson, Map<String, String> fields, long deadlineNanos, Consumer<byte[]> replies) {
    }
}
