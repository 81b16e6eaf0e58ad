package io.clamator.transport.spi;

import io.clamator.contract.MethodDefinition;
import io.clamator.internal.AsyncResults;
import io.clamator.json.ClamatorJson;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.ErrorCodes;
import io.clamator.protocol.Names;
import io.clamator.protocol.RpcException;
import io.clamator.server.PayloadValidator;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import io.clamator.server.Violation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one call against a service, transport-independent, in the protocol's order: find the
 * method (-32601), bind and validate params (-32602), run the handler (an {@link RpcException}
 * passes through, anything else is -32603 {@code Internal error}), validate the result (-32603
 * {@code Result validation failed}). Notifications go through the same steps and are never
 * answered; their failures are only logged.
 *
 * <p>Blocking handlers run on the calling thread.
 */
public final class RpcDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RpcDispatcher.class);
    private static final int BAD_CALL_LINES_PER_MINUTE = 20;

    /** Calls a misbehaving or outdated caller may send by the thousand. */
    private final RateLimitedLog badCalls = new RateLimitedLog(log, Level.WARN, BAD_CALL_LINES_PER_MINUTE);

    private final ClamatorJson json;
    private final PayloadValidator validator;
    private final boolean exposeErrorMessages;
    private final BindingErrors bindingErrors;

    public RpcDispatcher(ServerOptions options) {
        this.json = options.json();
        this.validator = options.validator();
        this.exposeErrorMessages = options.exposeErrorMessages();
        this.bindingErrors = new BindingErrors(json);
    }

    /**
     * Handles a call.
     *
     * @param service the service the call was addressed to, or {@code null} if it is not served here
     * @return the response to send, or {@code null} (when complete) if nothing must be replied
     */
    public CompletableFuture<Envelope.Response> dispatch(ServiceDefinition service, Envelope.Call call) {
        CallContext context = new CallContext(call);
        ServiceDefinition.ServiceMethod method = service == null ? null : service.method(call.method());
        if (method == null) {
            if (context.replies()) {
                log.debug("RPC method not found: {} id={}", context.where, context.id);
            } else {
                badCalls.log("RPC method not found for notification: {}", context.where);
            }
            return CompletableFuture.completedFuture(
                    context.answer(error(call, ErrorCodes.METHOD_NOT_FOUND, ErrorCodes.METHOD_NOT_FOUND_MESSAGE, NullNode.getInstance())));
        }
        MethodDefinition definition = method.definition();
        context.repliesIf(!definition.isNotification());
        Object params;
        try {
            params = bindParams(definition, call.params());
        } catch (InvalidPayloadException e) {
            badCalls.log("RPC params validation failed: {} id={} errors={}", context.where, context.id, e.violations);
            return CompletableFuture.completedFuture(
                    context.answer(error(call, ErrorCodes.INVALID_PARAMS, ErrorCodes.INVALID_PARAMS_MESSAGE, errorsData(e.violations))));
        } catch (RuntimeException e) {
            log.error("RPC params could not be validated (the validator raised): {} id={}", context.where, context.id, e);
            return CompletableFuture.completedFuture(context.answer(internalError(context, e)));
        }
        CompletableFuture<Object> outcome;
        try {
            outcome = AsyncResults.toFuture(method.invoker().invoke(params));
        } catch (Throwable t) {
            outcome = CompletableFuture.failedFuture(t);
        }
        return outcome.handle((result, failure) -> failure == null
                        ? onResult(context, definition, result)
                        : onFailure(context, AsyncResults.unwrap(failure)))
                .thenApply(context::answer);
    }

    private Object bindParams(MethodDefinition definition, JsonNode params) {
        if (definition.paramsType() == null) {
            return null;
        }
        Object value;
        try {
            value = json.fromTree(params, definition.paramsType());
        } catch (JacksonException e) {
            throw new InvalidPayloadException(List.of(bindingErrors.describe(e, params)));
        }
        if (value == null) {
            throw new InvalidPayloadException(List.of(new Violation("", "params are required")));
        }
        List<Violation> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new InvalidPayloadException(violations);
        }
        return value;
    }

    private Envelope.Response onResult(CallContext context, MethodDefinition definition, Object result) {
        if (!context.replies()) {
            return null;
        }
        if (definition.returnsNothing()) {
            return new Envelope.Success(context.call.id(), NullNode.getInstance());
        }
        List<Violation> violations;
        JsonNode tree = null;
        if (result == null) {
            violations = List.of(new Violation("", "handler returned null for a method with a result"));
        } else {
            try {
                violations = validator.validate(result);
                if (violations.isEmpty()) {
                    tree = json.toTree(result);
                }
            } catch (ClamatorProtocolException e) {
                violations = List.of(new Violation("", e.getMessage()));
            } catch (RuntimeException e) {
                log.error("RPC result could not be validated (the validator raised): {} id={}", context.where, context.id, e);
                violations = List.of(new Violation("", "validating the result raised " + describe(e)));
            }
        }
        if (!violations.isEmpty()) {
            log.error("RPC result validation failed: {} id={} errors={}", context.where, context.id, violations);
            return error(context.call, ErrorCodes.INTERNAL_ERROR, ErrorCodes.RESULT_VALIDATION_FAILED_MESSAGE, errorsData(violations));
        }
        return new Envelope.Success(context.call.id(), tree);
    }

    private Envelope.Response onFailure(CallContext context, Throwable failure) {
        if (failure instanceof RpcException rpc) {
            return error(context.call, rpc.code(), rpc.getMessage(), dataOf(context, rpc));
        }
        if (wasInterrupted(failure)) {
            log.warn("RPC handler interrupted: {} id={} ({}); the server is stopping, or something else interrupted its thread",
                    context.where, context.id, failure.toString());
        } else {
            log.error("RPC handler raised: {} id={}", context.where, context.id, failure);
        }
        return internalError(context, failure);
    }

    /** -32603 {@code Internal error}, naming the exception (and giving its message where the options expose messages). */
    private Envelope.Response internalError(CallContext context, Throwable failure) {
        ObjectNode data = json.objectNode();
        data.put("name", failure.getClass().getSimpleName());
        if (exposeErrorMessages) {
            data.put("message", failure.getMessage() == null ? "" : failure.getMessage());
        }
        return error(context.call, ErrorCodes.INTERNAL_ERROR, ErrorCodes.INTERNAL_ERROR_MESSAGE, data);
    }

    private String describe(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        return exposeErrorMessages && failure.getMessage() != null ? name + ": " + failure.getMessage() : name;
    }

    /** Whether the handler failed because its thread was interrupted (at shutdown, the server interrupts the handlers it gives up on). */
    private static boolean wasInterrupted(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof InterruptedException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private JsonNode dataOf(CallContext context, RpcException rpc) {
        if (rpc.dataValue() == null) {
            return NullNode.getInstance();
        }
        try {
            return json.toTree(rpc.dataValue());
        } catch (RuntimeException e) {
            log.error("RPC error data cannot be written as JSON, sending null: {} id={}", context.where, context.id, e);
            return NullNode.getInstance();
        }
    }

    private JsonNode errorsData(List<Violation> violations) {
        ObjectNode data = json.objectNode();
        ArrayNode errors = data.putArray("errors");
        for (Violation violation : violations) {
            errors.addObject().put("path", violation.path()).put("message", violation.message());
        }
        return data;
    }

    private static Envelope.Error error(Envelope.Call call, int code, String message, JsonNode data) {
        return new Envelope.Error(call.id(), code, message, data);
    }

    /** What is known about the call being handled, for replies and log lines. */
    private static final class CallContext {

        private final Envelope.Call call;
        private final String where;
        private final String id;
        private boolean replies;

        CallContext(Envelope.Call call) {
            this.call = call;
            this.where = Names.qualified(call.service(), call.method());
            this.id = Envelope.idKey(call.id());
            this.replies = call instanceof Envelope.Request;
        }

        boolean replies() {
            return replies;
        }

        /** A method declared as a notification is never answered, even when called with an id. */
        void repliesIf(boolean methodAnswers) {
            replies = replies && methodAnswers;
        }

        Envelope.Response answer(Envelope.Response response) {
            return replies ? response : null;
        }
    }

    /** Params or a result failed binding or validation. */
    private static final class InvalidPayloadException extends RuntimeException {

        private final transient List<Violation> violations;

        InvalidPayloadException(List<Violation> violations) {
            super(null, null, false, false);
            this.violations = violations;
        }
    }
}
