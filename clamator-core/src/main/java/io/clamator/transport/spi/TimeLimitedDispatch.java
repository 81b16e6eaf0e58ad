package io.clamator.transport.spi;

import io.clamator.contract.MethodDefinition;
import io.clamator.json.ClamatorJson;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.ErrorCodes;
import io.clamator.protocol.Names;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dispatches calls within the handler time limit of their method ({@code @ClamatorMethod(handlerTimeoutMillis)},
 * else the server's setting for the service). When the limit passes first, the call is answered at
 * once with {@code -32603 Handler timed out} (a notification only finishes), the handler's thread
 * is interrupted, and its late result is dropped; the transport's answer (reply, acknowledgement,
 * the freed slot) runs then, not when the handler returns.
 */
public final class TimeLimitedDispatch {

    private static final Logger log = LoggerFactory.getLogger(TimeLimitedDispatch.class);

    private final RpcDispatcher dispatcher;
    private final ServerOptions options;
    private final ClamatorJson json;
    private final TransportTimer timer;
    private final String keyPrefix;

    /** @param keyPrefix the key prefix the server serves under, for the observations */
    public TimeLimitedDispatch(RpcDispatcher dispatcher, ServerOptions options, TransportTimer timer, String keyPrefix) {
        this.dispatcher = dispatcher;
        this.options = options;
        this.json = options.json();
        this.timer = timer;
        this.keyPrefix = keyPrefix;
    }

    /**
     * Dispatches a call and hands its response to {@code answer}, from the handler's result or from
     * the time limit, whichever comes first. The whole of it is observed when the server's options
     * have observations: the handler starts inside the observation.
     *
     * @param fields the fields the call arrived with beside its envelope (a trace context to continue),
     *               asked for only when the call is observed
     * @param run    the entry's place in the scheduler, whose handler thread is interrupted at the limit
     * @param answer what the transport does with the response ({@code null} when nothing is replied)
     * @return completes when {@code answer}'s stage does
     */
    public <T> CompletionStage<T> dispatch(ServiceDefinition service, Envelope.Call call, Supplier<Map<String, String>> fields,
            EntryScheduler.Run run, Function<Envelope.Response, ? extends CompletionStage<T>> answer) {
        ServerCallObservation observation = ServerCallObservation.start(options.observations(), service, call, fields, keyPrefix);
        if (observation == ServerCallObservation.OFF) {
            return dispatch(service, call, run, answer, observation);
        }
        CompletionStage<T> answered;
        try (Observation.Scope scope = observation.openScope()) {
            answered = dispatch(service, call, run, answer, observation);
        }
        return answered.whenComplete((done, failure) -> observation.end(failure, run.isAbandoned()));
    }

    private <T> CompletionStage<T> dispatch(ServiceDefinition service, Envelope.Call call, EntryScheduler.Run run,
            Function<Envelope.Response, ? extends CompletionStage<T>> answer, ServerCallObservation observation) {
        Duration limit = limitFor(service, call);
        if (limit == null) {
            return dispatcher.dispatch(service, call).thenCompose(response -> {
                observation.answered(response, false);
                return answer.apply(response);
            });
        }
        CompletableFuture<Envelope.Response> response = new CompletableFuture<>();
        AtomicBoolean decided = new AtomicBoolean();
        CompletionStage<T> answered = response.thenCompose(answer);
        boolean replies = call instanceof Envelope.Request && !service.method(call.method()).definition().isNotification();
        TransportTimer.Scheduled deadline = timer.schedule(() -> {
            if (decided.compareAndSet(false, true)) {
                Envelope.Response timedOut = replies ? timedOut((Envelope.Request) call, limit) : null;
                observation.answered(timedOut, true);
                options.metrics().service(keyPrefix, service.name()).handlerTimedOut();
                if (replies) {
                    log.warn("RPC handler timed out: {} id={} after {} ms; the call is answered with {} {} and the handler interrupted",
                            Names.qualified(service.name(), call.method()), call.id(), limit.toMillis(), ErrorCodes.INTERNAL_ERROR,
                            ErrorCodes.HANDLER_TIMED_OUT_MESSAGE);
                } else {
                    log.warn("RPC handler timed out: {} (a notification, answered with nothing) after {} ms; the handler is interrupted",
                            Names.qualified(service.name(), call.method()), limit.toMillis());
                }
                response.complete(timedOut);
                run.interrupt();
            }
        }, limit);
        dispatcher.dispatch(service, call).whenComplete((result, failure) -> {
            deadline.cancel();
            if (!decided.compareAndSet(false, true)) {
                return; // answered at the limit; the late result is dropped
            }
            if (failure == null) {
                observation.answered(result, false);
                response.complete(result);
            } else {
                response.completeExceptionally(failure);
            }
        });
        return answered;
    }

    private Duration limitFor(ServiceDefinition service, Envelope.Call call) {
        ServiceDefinition.ServiceMethod method = service == null ? null : service.method(call.method());
        MethodDefinition definition = method == null ? null : method.definition();
        if (definition == null) {
            return null;
        }
        return definition.handlerTimeout() != null ? definition.handlerTimeout() : options.handlerTimeoutOf(service.name());
    }

    /** The answer to a request whose handler ran out of time; a notification, or a notification method called with an id, gets none. */
    private Envelope.Response timedOut(Envelope.Request request, Duration limit) {
        ObjectNode data = json.objectNode();
        data.put("name", "HandlerTimeout");
        data.put("timeoutMs", limit.toMillis());
        return new Envelope.Error(request.id(), ErrorCodes.INTERNAL_ERROR, ErrorCodes.HANDLER_TIMED_OUT_MESSAGE, data);
    }
}
