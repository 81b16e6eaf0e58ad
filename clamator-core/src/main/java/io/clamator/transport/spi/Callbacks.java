package io.clamator.client;

import io.clamator.internal.AsyncResults;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where the futures handed to callers complete. By default on the thread that received the
 * reply (for Redis, a Lettuce event loop): no hand-over, and the fastest path. With a callback
 * executor configured, they are relayed to it, so callbacks may block.
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
        source.whenComplete((value, error) -> executor.execute(() -> {
            if (error == null) {
                relayed.complete(value);
            } else {
                relayed.completeExceptionally(AsyncResults.unwrap(error));
            }
        }));
        return relayed;
    }

    /**
     * A blocking call on a Netty event loop would wait for a reply that only such a thread can
     * deliver: it fails at once instead of timing out.
     */
    static void requireBlockingAllowed(String where) {
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
            throw new IllegalStateException("blocking call to " + where + " on event-loop thread " + Thread.currentThread().getName()
                    + ": use callAsync or a CompletableFuture/Mono method, or set ClientOptions.withCallbackExecutor(...)"
                    + " so that callbacks run where they may block");
        }
    }
}
