package io.clamator.internal;

import io.clamator.protocol.ClamatorInterruptedException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** Normalises the result forms handlers and callers use: plain values, futures and Reactor monos. */
public final class AsyncResults {

    private static final String MONO = "reactor.core.publisher.Mono";

    private AsyncResults() {
    }

    /** A future for a handler's return value: a plain value, a {@code CompletionStage} or a {@code Mono}. */
    public static CompletableFuture<Object> toFuture(Object value) {
        if (value instanceof CompletionStage<?> stage) {
            @SuppressWarnings("unchecked")
            CompletableFuture<Object> future = (CompletableFuture<Object>) stage.toCompletableFuture();
            return future;
        }
        if (value != null && isMono(value.getClass())) {
            return ReactorSupport.toFuture(value);
        }
        return CompletableFuture.completedFuture(value);
    }

    /** A {@code Mono} that starts the call when subscribed. Requires Reactor on the classpath. */
    public static Object deferredMono(Supplier<CompletableFuture<?>> call) {
        return ReactorSupport.deferredMono(call);
    }

    /**
     * Waits for a future and rethrows its failure as it is, without the {@code CompletionException}
     * wrapper, so blocking callers can catch {@code RpcException} and friends directly. An
     * interrupt ends the wait at once: the future is cancelled, the interrupt flag set again, and
     * a {@link ClamatorInterruptedException} thrown.
     *
     * @param what what is awaited, for the message: {@code "call to orders.place"}
     */
    public static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false);
            Thread.currentThread().interrupt();
            throw new ClamatorInterruptedException(what + " interrupted while waiting", e);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new io.clamator.protocol.ClamatorException(cause.getMessage(), cause);
        }
    }

    /** The exception behind the wrappers futures and reflection put around it. */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException
                || current instanceof java.lang.reflect.InvocationTargetException
                || current instanceof java.lang.reflect.UndeclaredThrowableException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isMono(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (current.getName().equals(MONO)) {
                return true;
            }
        }
        return false;
    }
}
