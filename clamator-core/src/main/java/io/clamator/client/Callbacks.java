package io.clamator.client;

import io.clamator.internal.HandlerExecutors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Completes the futures handed to callers away from the transport's own threads, so that a
 * callback that blocks (say on another call) cannot stall the replies of every other call.
 */
final class Callbacks {

    /** Virtual threads on Java 21+, otherwise a cached pool of daemon threads. */
    private static final ExecutorService SHARED = HandlerExecutors.create("clamator-callbacks", true);

    private Callbacks() {
    }

    static Executor orShared(Executor executor) {
        return executor != null ? executor : SHARED;
    }

    /** A future completed on {@code executor} with the outcome of {@code source}, exceptions unwrapped. */
    static <T> CompletableFuture<T> relay(CompletableFuture<T> source, Executor executor) {
        CompletableFuture<T> relayed = new CompletableFuture<>();
        source.whenComplete((value, error) -> executor.execute(() -> {
            if (error == null) {
                relayed.complete(value);
            } else {
                relayed.completeExceptionally(io.clamator.internal.AsyncResults.unwrap(error));
            }
        }));
        return relayed;
    }
}
