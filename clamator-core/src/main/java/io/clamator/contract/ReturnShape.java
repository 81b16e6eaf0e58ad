package io.clamator.contract;

/** How a contract method hands back its result. */
public enum ReturnShape {
    /** A plain value; the call blocks until the reply arrives. */
    VALUE,
    /** {@code void}: no result. */
    VOID,
    /** {@code CompletableFuture<T>} or {@code CompletionStage<T>}. */
    FUTURE,
    /** Reactor {@code Mono<T>}: the call is made when subscribed. */
    MONO
}
