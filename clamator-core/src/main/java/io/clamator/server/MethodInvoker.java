package io.clamator.server;

/** Calls a handler with bound params; returns a value, a {@code CompletionStage} or a {@code Mono}. */
@FunctionalInterface
public interface MethodInvoker {

    /** Runs the handler with the bound params ({@code null} for a method without params). */
    Object invoke(Object params) throws Throwable;
}
