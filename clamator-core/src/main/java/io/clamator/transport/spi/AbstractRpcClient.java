package io.clamator.transport.spi;

import io.clamator.client.ClientDescription;
import io.clamator.client.ClientOptions;
import io.clamator.client.ContractProxies;
import io.clamator.client.RpcClient;
import io.clamator.health.ClamatorHealth;
import io.clamator.internal.AsyncResults;
import io.clamator.internal.Durations;
import io.clamator.metrics.ClientMeters;
import io.clamator.metrics.Watch;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.EnvelopeCodec;
import io.clamator.protocol.Names;
import io.clamator.protocol.RpcException;
import io.clamator.json.ClamatorJson;
import io.micrometer.observation.Observation;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * The transport-independent half of a client: builds envelopes, keeps pending calls, matches
 * replies by id, expires calls on the transport's {@link #timer() timer}, fails them at stop.
 * Subclasses move the encoded envelopes.
 */
public abstract class AbstractRpcClient implements RpcClient {

    private static final Logger log = LoggerFactory.getLogger(AbstractRpcClient.class);

    private final ClientOptions options;
    private final EnvelopeCodec codec;
    private final ClamatorJson json;
    private final ConcurrentHashMap<String, PendingCall> pending = new ConcurrentHashMap<>();
    private final Lifecycle lifecycle = new Lifecycle("client");
    /** Whether a stop asked for on a transport thread has been handed to a thread of its own. */
    private final AtomicBoolean stopHandedOver = new AtomicBoolean();
    private final Executor callbacks;
    private volatile ClientMeters meters;
    private Watch callsWatch = Watch.NONE;

    protected AbstractRpcClient(ClientOptions options) {
        this.options = options;
        this.json = options.json();
        this.codec = new EnvelopeCodec(json.mapper());
        this.callbacks = options.callbackExecutor();
    }

    @Override
    public synchronized void start() {
        if (lifecycle.needsStart()) {
            meters = options.metrics().client(keyPrefix());
            try {
                callsWatch = meters.watchCalls(pending::size);
                startTransport();
            } catch (RuntimeException e) {
                callsWatch.end();
                callsWatch = Watch.NONE;
                lifecycle.stop();
                throw e;
            }
            lifecycle.started();
        }
    }

    /**
     * Fails the calls still pending and stops the transport. On one of the transport's own threads
     * (in the callback of a call, say), where stopping would wait for that very thread, it returns
     * at once and the client stops on a thread of its own.
     */
    @Override
    public void stop() {
        if (!isTransportThread()) {
            stopHere();
        } else if (lifecycle.isRunning() && stopHandedOver.compareAndSet(false, true)) {
            log.warn("stop() called on a transport thread (in the callback of a clamator call), which stopping waits for;"
                    + " the client stops on a thread of its own");
            Thread stopping = new Thread(this::stopHere, "clamator-client-stop");
            stopping.setDaemon(true);
            stopping.setUncaughtExceptionHandler((thread, error) -> log.error("stopping the client failed", error));
            stopping.start();
        }
    }

    private synchronized void stopHere() {
        Lifecycle.State was = lifecycle.stop();
        if (was == Lifecycle.State.NEW) {
            releaseUnstarted();
        }
        if (was != Lifecycle.State.RUNNING) {
            return;
        }
        callsWatch.end();
        for (PendingCall call : pending.values()) {
            if (pending.remove(call.id, call)) {
                call.fail(new ClamatorTransportException("transport stopped"));
            }
        }
        stopTransport();
    }

    @Override
    public boolean isRunning() {
        return lifecycle.isRunning();
    }

    /** {@code DOWN} when not running, else what {@link #transportHealth()} says. */
    @Override
    public ClamatorHealth health() {
        if (!lifecycle.isRunning()) {
            return lifecycle.notRunning();
        }
        return transportHealth();
    }

    /** The transport's health while the client runs: {@code UP} unless the transport knows better. */
    protected ClamatorHealth transportHealth() {
        return ClamatorHealth.up(Map.of());
    }

    @Override
    public Duration defaultTimeout() {
        return options.defaultTimeout();
    }

    @Override
    public <R> CompletableFuture<R> callAsync(String service, String method, Object params, Type resultType, Duration timeout) {
        return Callbacks.relay(this.<R>startCall(service, method, params, resultType, timeout), callbacks);
    }

    /** Waits for the reply on the calling thread: no hand-over to the callback executor. */
    @Override
    public <R> R call(String service, String method, Object params, Type resultType, Duration timeout) {
        if (isTransportThread()) {
            throw Callbacks.blockingOnTransportThread(Names.qualified(service, method));
        }
        return AsyncResults.await(this.<R>startCall(service, method, params, resultType, timeout),
                "call to " + Names.qualified(service, method));
    }

    /** Waits until the notification has been handed to the transport; fails at once on a transport thread. */
    @Override
    public void notify(String service, String method, Object params) {
        if (isTransportThread()) {
            throw Callbacks.blockingOnTransportThread(Names.qualified(service, method));
        }
        AsyncResults.await(startNotification(service, method, params), "notification " + Names.qualified(service, method));
    }

    /** Sends a request; the future completes on whichever thread delivers the reply. */
    @SuppressWarnings("unchecked")
    private <R> CompletableFuture<R> startCall(String service, String method, Object params, Type resultType, Duration timeout) {
        String id = UUID.randomUUID().toString();
        byte[] envelope;
        try {
            requireRunning();
            EnvelopeCodec.requireValidNames(service, method);
            if (timeout != null) {
                Durations.requireAtLeastOneMillisecond("timeout", timeout);
            }
            envelope = codec.encodeToBytes(new Envelope.Request(StringNode.valueOf(id), service, method, paramsTree(params)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        ClientCallObservation observation;
        try {
            observation = ClientCallObservation.start(options.observations(), service, method, id, keyPrefix());
        } catch (RuntimeException e) { // an observation handler of the application's that throws
            return CompletableFuture.failedFuture(e);
        }
        PendingCall call = new PendingCall(id, service, method, resultType);
        pending.put(id, call);
        call.future.whenComplete((value, error) -> {
            if (pending.remove(id, call)) {
                endedByTheCaller(call, error, observation);
            } else {
                observation.end(error);
            }
        });
        if (!lifecycle.isRunning() && pending.remove(id, call)) {
            call.fail(new ClamatorTransportException("transport stopped")); // stop ran meanwhile
        }
        if (call.future.isDone()) {
            return (CompletableFuture<R>) call.future; // not sent: stopped, or completed by the caller already
        }
        // cut to what the timers keep, so that the wire's timeout-ms and the timeout message hold it too
        Duration wait = min(timeout != null ? timeout : options.defaultTimeout(), TransportTimer.LONGEST_DELAY);
        call.timeout(timer().schedule(() -> expire(call, wait), wait));
        if (call.future.isDone()) { // failed by a stop that ran meanwhile, before its timeout was there to cancel
            call.abandon();
            return (CompletableFuture<R>) call.future;
        }
        sendObserved(observation, service, id, envelope, wait).whenComplete((done, error) -> {
            if (error == null) {
                return;
            }
            ClamatorTransportException failure = asTransportError(error);
            if (failure instanceof UnconfirmedSendException) {
                log.debug("call {} id={} stays pending until its reply or its timeout: {}", call.where, id, failure.getMessage());
                call.sendUnconfirmed(failure.getMessage());
            } else {
                failCall(id, failure);
            }
        });
        return (CompletableFuture<R>) call.future;
    }

    @Override
    public CompletableFuture<Void> notifyAsync(String service, String method, Object params) {
        return Callbacks.relay(startNotification(service, method, params), callbacks);
    }

    /** Sends a notification; the future completes on whichever thread learns that it was sent. */
    private CompletableFuture<Void> startNotification(String service, String method, Object params) {
        try {
            requireRunning();
            EnvelopeCodec.requireValidNames(service, method);
            byte[] envelope = codec.encodeToBytes(new Envelope.Notification(service, method, paramsTree(params)));
            ClientCallObservation observation = ClientCallObservation.start(options.observations(), service, method, null, keyPrefix());
            CompletableFuture<Void> sent = sendObserved(observation, service, null, envelope, null).handle((done, error) -> {
                ClamatorTransportException failure = error == null ? null : asTransportError(error);
                observation.end(failure);
                if (failure != null) {
                    throw failure;
                }
                return null;
            });
            return sent;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends inside the observation's scope, with its trace fields; a send that throws comes back as a failed future. */
    private CompletableFuture<Void> sendObserved(ClientCallObservation observation, String service, String callId, byte[] envelope,
            Duration timeout) {
        try (Observation.Scope scope = observation.openScope()) {
            return send(new OutgoingMessage(service, callId, envelope, timeout, observation.fields()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <T> T proxy(Class<T> contract) {
        return ContractProxies.create(contract, this);
    }

    @Override
    public ClientDescription describe() {
        return new ClientDescription(transportName(), keyPrefix(), replyStream(), isRunning(), pending.size());
    }

    /** The transport's name, e.g. {@code redis}. */
    protected abstract String transportName();

    /** Where this client's replies arrive; {@code null} unless overridden. */
    public String replyStream() {
        return null;
    }

    /** The key prefix (namespace) of the services this client calls. */
    public abstract String keyPrefix();

    /** The client's options. */
    protected final ClientOptions options() {
        return options;
    }

    /** The codec envelopes are read and written with. */
    protected final EnvelopeCodec codec() {
        return codec;
    }

    /** Starts receiving replies; called once. */
    protected abstract void startTransport();

    /** Where call timeouts are scheduled; called only between {@link #startTransport()} and {@link #stopTransport()}. */
    protected abstract TransportTimer timer();

    /**
     * Whether the current thread is one that delivers this transport's replies, where a blocking
     * call could never be answered; such a call fails at once. {@code false} unless overridden.
     */
    protected boolean isTransportThread() {
        return false;
    }

    /**
     * What the transport knows about why a call to the service got no reply, for the timeout's
     * message: where the call went, or that nothing serves the service there; {@code null} for nothing.
     */
    protected String unansweredHint(String service) {
        return null;
    }

    /** Stops receiving replies and releases resources; called once, after a successful start. */
    protected abstract void stopTransport();

    /**
     * Releases what the transport holds from its construction (a Redis client it created, say) when
     * the client is stopped without having been started; called at most once. Does nothing by default.
     */
    protected void releaseUnstarted() {
    }

    /**
     * Hands an encoded call to the transport.
     *
     * @return completes when the message has been sent; fails with the reason it could not be, or
     *         with {@link UnconfirmedSendException} when it may have been
     */
    protected abstract CompletableFuture<Void> send(OutgoingMessage message);

    /** Handles the UTF-8 encoded JSON of a reply: matches it to its pending call; drops late or unknown ones. */
    protected final void deliverReply(byte[] envelopeJson) {
        if (envelopeJson.length > options.maxPayloadBytes()) {
            failUnreadableReply(envelopeJson, "reply of " + envelopeJson.length + " bytes exceeds the maximum of " + options.maxPayloadBytes(),
                    "; raise the client's maxPayloadBytes to read it");
            return;
        }
        Envelope envelope;
        try {
            envelope = codec.parse(envelopeJson);
        } catch (ClamatorProtocolException e) {
            failUnreadableReply(envelopeJson, "unreadable reply (" + e.getMessage() + ")", "");
            return;
        }
        deliverReply(envelope);
    }

    private void deliverReply(Envelope envelope) {
        if (!(envelope instanceof Envelope.Response response)) {
            log.warn("dropped a {} received where only replies are expected", envelope.getClass().getSimpleName());
            return;
        }
        String id = Envelope.idKey(response.id());
        PendingCall call = id == null ? null : pending.remove(id);
        if (call == null) {
            log.debug("dropped a reply for no pending call: id={}", id);
            return;
        }
        if (response instanceof Envelope.Error error) {
            call.fail(new RpcException(error.code(), error.message(), error.data(), json.mapper()));
        } else {
            completeWithResult(call, ((Envelope.Success) response).result());
        }
    }

    /** Fails a pending call (if it is still pending) with a transport-level reason. */
    protected final void failCall(String callId, Throwable error) {
        PendingCall call = pending.remove(callId);
        if (call != null) {
            call.fail(error);
        }
    }

    /**
     * A reply that cannot be read (too large, or not a valid envelope) fails its call at once,
     * found by the id alone, rather than leave it to time out; without a pending call it is dropped.
     */
    private void failUnreadableReply(byte[] envelopeJson, String problem, String advice) {
        String id = Envelope.idKey(codec.peekId(envelopeJson));
        PendingCall call = id == null ? null : pending.remove(id);
        if (call == null) {
            log.warn("{}, dropped (no pending call for id={})", problem, id);
            return;
        }
        call.fail(new ClamatorProtocolException(problem + " for " + call.where + advice));
    }

    private void completeWithResult(PendingCall call, JsonNode result) {
        if (call.resultType == void.class || call.resultType == Void.class) {
            call.complete(null);
            return;
        }
        try {
            call.complete(json.fromTree(result, call.resultType));
        } catch (JacksonException e) {
            call.fail(new ClamatorProtocolException("malformed result for " + call.where + ": " + e.getOriginalMessage(), e));
        } catch (RuntimeException | StackOverflowError | LinkageError e) { // a deserializer of the application's that throws something else
            call.fail(new ClamatorProtocolException("malformed result for " + call.where + ": " + e, e));
        }
    }

    /**
     * A call whose future something else than this client completed (the caller cancelled it, timed
     * it out with {@code orTimeout}, or completed it with a fallback) is no longer waited for; its
     * outcome is a timeout for the caller's own {@code orTimeout}, else cancelled: no result arrived.
     */
    private void endedByTheCaller(PendingCall call, Throwable error, ClientCallObservation observation) {
        call.abandon();
        Throwable cause = error == null ? null : AsyncResults.unwrap(error);
        if (cause instanceof TimeoutException) {
            meters.timedOut(call.service);
            observation.end(cause);
        } else {
            observation.end(cause instanceof CancellationException ? cause
                    : new CancellationException("the caller completed the future of " + call.where + " before a reply arrived"));
        }
    }

    private void expire(PendingCall call, Duration wait) {
        if (!pending.remove(call.id, call)) {
            return;
        }
        String message = "call timeout: no reply to " + call.where + " within " + wait.toMillis() + " ms";
        try {
            meters.timedOut(call.service);
            String hint = call.unconfirmedSend() != null ? call.unconfirmedSend() : unansweredHint(call.service);
            if (hint != null) {
                message += " (" + hint + ")";
            }
        } finally { // whatever the hint's lookup does, the call ends
            call.fail(new ClamatorTimeoutException(message));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void requireRunning() {
        Lifecycle.State state = lifecycle.state();
        if (state == Lifecycle.State.NEW) {
            throw new ClamatorTransportException("transport not started: call start() first");
        }
        if (state == Lifecycle.State.STOPPED) {
            throw new ClamatorTransportException("transport stopped");
        }
    }

    private JsonNode paramsTree(Object params) {
        return params == null ? json.objectNode() : json.toTree(params);
    }

    private static ClamatorTransportException asTransportError(Throwable error) {
        Throwable cause = AsyncResults.unwrap(error);
        if (cause instanceof ClamatorTransportException transport) {
            return transport;
        }
        return new ClamatorTransportException("send failed: " + cause.getMessage(), cause);
    }
}
