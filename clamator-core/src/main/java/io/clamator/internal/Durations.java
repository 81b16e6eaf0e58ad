package io.clamator.internal;

import java.time.Duration;

/** Checks of the durations clamator sends to Redis and its timers, which count in milliseconds. */
public final class Durations {

    private static final Duration ONE_MILLISECOND = Duration.ofMillis(1);

    private Durations() {
    }

    /**
     * Refuses a duration under a millisecond, which would be 0 where it is counted in milliseconds
     * (a call's {@code timeout-ms}, a {@code BLOCK} time, which blocks for ever). Durations too long
     * to count in milliseconds pass.
     *
     * @throws IllegalArgumentException naming {@code what}
     */
    public static void requireAtLeastOneMillisecond(String what, Duration value) {
        if (isUnderOneMillisecond(value)) {
            throw new IllegalArgumentException(what + " must be at least 1 ms, was " + value);
        }
    }

    /** Whether {@code value} is missing or under a millisecond (see {@link #requireAtLeastOneMillisecond}). */
    public static boolean isUnderOneMillisecond(Duration value) {
        return value == null || value.compareTo(ONE_MILLISECOND) < 0;
    }
}
