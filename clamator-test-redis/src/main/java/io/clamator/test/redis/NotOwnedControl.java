package io.clamator.test.redis;

import java.util.function.BooleanSupplier;

/** The control of a server the caller does not own: it refuses to stop or start, and closing does nothing. */
final class NotOwnedControl implements ServerControl {

    private final String reason;
    private final BooleanSupplier running;

    NotOwnedControl(String reason, BooleanSupplier running) {
        this.reason = reason;
        this.running = running;
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException(reason);
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException(reason);
    }

    @Override
    public boolean isRunning() {
        return running.getAsBoolean();
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
