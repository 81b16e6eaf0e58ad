package io.clamator.transport.spi;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Lines about single entries (dropped, skipped) that a flood cannot turn into a flood of the log:
 * at most {@code limit} lines per minute; beyond that the lines are counted, and the first line of
 * a later minute says how many were left out. For transports and dispatchers that log about
 * single calls or entries.
 */
public final class RateLimitedLog {

    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private final Logger log;
    private final Level level;
    private final int limit;
    private final LongSupplier nanoTime;
    /** Guarded by {@code this}. */
    private long windowStart;
    /** Guarded by {@code this}. */
    private int loggedInWindow;
    /** Guarded by {@code this}. */
    private long leftOut;

    /** Lines at {@code level} on {@code log}, at most {@code limit} a minute. */
    public RateLimitedLog(Logger log, Level level, int limit) {
        this(log, level, limit, System::nanoTime);
    }

    RateLimitedLog(Logger log, Level level, int limit, LongSupplier nanoTime) {
        this.log = log;
        this.level = level;
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** Logs unless this minute's lines are used up. */
    public void log(String format, Object... arguments) {
        long skipped;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (now - windowStart >= WINDOW_NANOS) {
                windowStart = now;
                loggedInWindow = 0;
            }
            if (loggedInWindow == limit) {
                leftOut++;
                return;
            }
            loggedInWindow++;
            skipped = leftOut;
            leftOut = 0;
        }
        if (skipped > 0) {
            log.atLevel(level).log("{} more lines like the next one were left out of the log before it (at most {} a minute)",
                    skipped, limit);
        }
        log.atLevel(level).log(format, arguments);
    }
}
