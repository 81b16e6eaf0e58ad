package io.clamator.server;

/** Calls a handler with bound params; returns a value, a {@code CompletionStage} or a {@code Mono}. */
@FunctionalInterface
interface MethodInvoker {

    Object invoke(Object params) throws Throwable;
}
