package io.clamator.transport.spi;

import io.clamator.internal.AsyncResults;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where the futures handed to callers complete. By default on the thread that received the
 * reply (for Redis, a Lettuce event loop): no hand-over, and the fastest path. With a callback
 * executor configured, they are relayed to it, so callbacks may block; a relayed future that
 * the caller completes first (cancels it, or times it out with {@code orTimeout}) gives up the
 * call, which ends as the caller ended it. An executor that refuses the hand-over fails the future, on the
 * receiving thread, rather than leave it pending.
 */
final class Callbacks {

    private Callbacks() {
    }

    /** A future that completes like {@code source}, on {@code executor} when there is one, exceptions unwrapped. */
    static <T> CompletableFuture<T> relay(CompletableFuture<T> source, Executor executor) {
        if (executor == null) {
            return source;
        }
        CompletableFuture<T> relayed = new CompletableFuture<>();
        // completed by the caller first (orTimeout, cancel, complete): the call is given up, and its outcome is what the caller did
        relayed.whenComplete((value, error) -> completeLike(source, value, error));
        source.whenComplete((value, error) -> {
            try {
                executor.execute(() -> completeLike(relayed, value, error));
            } catch (RuntimeException rejected) {
                relayed.completeExceptionally(new IllegalStateException(
                        "the callback executor refused the completion of a clamator call: " + rejected, rejected));
            }
        });
        return relayed;
    }

    private static <T> void completeLike(CompletableFuture<T> target, T value, Throwable error) {
        if (error == null) {
            target.complete(value);
        } else {
            target.completeExceptionally(AsyncResults.unwrap(error));
        }
    }

    /**
     * A blocking call on one of the transport's own threads would wait for a reply that only such
     * a thread can deliver: it fails at once instead of timing out.
     */
    static IllegalStateException blockingOnTransportThread(String where) {
        return new IllegalStateException("blocking call to " + where + " on transport thread " + Thread.currentThread().getName()
                + ": use callAsync or a CompletableFuture/Mono method, or set ClientOptions.withCallbackExecutor(...)"
                + " so that callbacks run where they may block");
    }
}
