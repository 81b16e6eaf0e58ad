package io.clamator.transport.spi;

import io.clamator.protocol.Names;
import java.lang.reflect.Type;
import java.util.concurrent.CompletableFuture;

/** A call waiting for its reply. */
final class PendingCall {

    final String id;
    final String service;
    final String where;
    final Type resultType;
    final CompletableFuture<Object> future = new CompletableFuture<>();
    private volatile TransportTimer.Scheduled timeout;
    private volatile String unconfirmedSend;

    PendingCall(String id, String service, String method, Type resultType) {
        this.id = id;
        this.service = service;
        this.where = Names.qualified(service, method);
        this.resultType = resultType;
    }

    void timeout(TransportTimer.Scheduled task) {
        this.timeout = task;
    }

    void complete(Object value) {
        cancelTimeout();
        future.complete(value);
    }

    void fail(Throwable error) {
        cancelTimeout();
        future.completeExceptionally(error);
    }

    /** The transport could not tell whether the call went out: why, for the timeout's message. */
    void sendUnconfirmed(String why) {
        this.unconfirmedSend = why;
    }

    /** Why the transport could not tell whether the call went out; {@code null} when it could. */
    String unconfirmedSend() {
        return unconfirmedSend;
    }

    /** The caller gave up on the call (completed its future, by cancelling it, say): no timeout will fire for it. */
    void abandon() {
        cancelTimeout();
    }

    private void cancelTimeout() {
        TransportTimer.Scheduled task = timeout;
        if (task != null) {
            task.cancel();
        }
    }
}
