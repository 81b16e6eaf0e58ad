package io.clamator.metrics;

import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** Records nothing; loads no Micrometer class. */
enum NoMetrics implements ClamatorMetrics, ServiceMeters, ClientMeters {
    INSTANCE;

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public ServiceMeters service(String keyPrefix, String service) {
        return this;
    }

    @Override
    public ClientMeters client(String keyPrefix) {
        return this;
    }

    @Override
    public void reclaimed(int entries) {
    }

    @Override
    public void poison() {
    }

    @Override
    public void deadLettered() {
    }

    @Override
    public void handlerTimedOut() {
    }

    @Override
    public void replyWriteFailed() {
    }

    @Override
    public Watch watchLoad(IntSupplier handlersActive, IntSupplier entriesQueued) {
        return Watch.NONE;
    }

    @Override
    public Watch watchStream(Supplier<StreamFigures> latest) {
        return Watch.NONE;
    }

    @Override
    public void timedOut(String service) {
    }

    @Override
    public Watch watchCalls(IntSupplier callsInFlight) {
        return Watch.NONE;
    }
}
