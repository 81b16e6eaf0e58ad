package io.clamator.transport.redis;

import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * When the caller of an entry stops waiting: the time in the entry's id (Redis's clock when the
 * entry was added) plus the {@code timeout-ms} a Java client writes. Entries without it (from
 * Python and TypeScript clients, and notifications) have no deadline, and so has every entry while
 * Redis's clock has not been read. The moment is never earlier than the caller's own deadline,
 * which started a little before the entry was added.
 */
final class CallDeadlines {

    /** What {@link #overdueMillis} answers for an entry without a deadline. */
    static final long NO_DEADLINE = Long.MIN_VALUE;

    private final LongSupplier redisNowMillis;
    private final BooleanSupplier clockKnown;

    /**
     * @param redisNowMillis the clock of the node that adds the entries
     * @param clockKnown     whether that clock has been read ({@code TIME} may be refused)
     */
    CallDeadlines(LongSupplier redisNowMillis, BooleanSupplier clockKnown) {
        this.redisNowMillis = redisNowMillis;
        this.clockKnown = clockKnown;
    }

    /**
     * How many milliseconds ago the entry's caller stopped waiting: positive once it has, zero or
     * negative while it still waits, {@link #NO_DEADLINE} when the entry does not say.
     */
    long overdueMillis(StreamMessage<String, byte[]> entry) {
        byte[] timeout = entry.getBody().get(StreamKeys.TIMEOUT_MS);
        String id = entry.getId();
        int dash = id.indexOf('-');
        if (timeout == null || dash <= 0 || !clockKnown.getAsBoolean()) {
            return NO_DEADLINE;
        }
        try {
            long addedAt = Long.parseLong(id, 0, dash, 10);
            long timeoutMillis = Long.parseLong(new String(timeout, StandardCharsets.US_ASCII));
            return timeoutMillis < 0 ? NO_DEADLINE : redisNowMillis.getAsLong() - (addedAt + timeoutMillis);
        } catch (NumberFormatException e) {
            return NO_DEADLINE;
        }
    }
}
