package io.clamator.contract;

import java.lang.reflect.Type;
import java.time.Duration;

/**
 * One method of a service as the protocol sees it.
 *
 * @param name       the wire method name (the part after the dot)
 * @param kind       request or notification
 * @param paramsType the Java type params are read into, or {@code null} when the method takes none
 * @param resultType the Java type of the result; {@code void.class} when there is none
 * @param timeout    the client timeout for this method, or {@code null} for the client's default
 * @param handlerTimeout how long a server lets the method's handler run, or {@code null} for the
 *                   server's setting for the service
 */
public record MethodDefinition(String name, MethodKind kind, Type paramsType, Type resultType, Duration timeout,
                               Duration handlerTimeout) {

    public boolean isNotification() {
        return kind == MethodKind.NOTIFICATION;
    }

    /** Whether the method produces no result value ({@code void}/{@code Void}). */
    public boolean returnsNothing() {
        return resultType == void.class || resultType == Void.class;
    }
}
