package io.clamator.client;

import io.clamator.internal.HandlerExecutors;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Expires the calls of every client in the JVM. A hashed timer wheel with a 10 ms tick: adding
 * and cancelling a timeout costs no thread wake-up, unlike a scheduled executor, and call
 * timeouts need no finer precision.
 */
final class Timeouts {

    private static final HashedWheelTimer WHEEL = new HashedWheelTimer(
            HandlerExecutors.daemonThreads("clamator-timeouts"), 10, TimeUnit.MILLISECONDS, 512, false, -1);

    private Timeouts() {
    }

    static Timeout schedule(Runnable expiry, Duration after) {
        return WHEEL.newTimeout(timeout -> expiry.run(), after.toNanos(), TimeUnit.NANOSECONDS);
    }
}
