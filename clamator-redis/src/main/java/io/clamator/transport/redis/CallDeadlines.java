package io.clamator.transport.redis;

import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * When the caller of an entry stops waiting: the time in the entry's id (Redis's clock when the
 * entry was added) plus the {@code timeout-ms} a Java client writes. Entries without it (from
 * Python and TypeScript clients, and notifications) have no deadline. The moment is never earlier
 * than the caller's own deadline, which started a little before the entry was added.
 */
final class CallDeadlines {

    /** What {@link #overdueMillis} answers for an entry without a deadline. */
    static final long NO_DEADLINE = Long.MIN_VALUE;

    private final LongSupplier redisNowMillis;

    CallDeadlines(LongSupplier redisNowMillis) {
        this.redisNowMillis = redisNowMillis;
    }

    /**
     * How many milliseconds ago the entry's caller stopped waiting: positive once it has, zero or
     * negative while it still waits, {@link #NO_DEADLINE} when the entry does not say.
     */
    long overdueMillis(StreamMessage<String, byte[]> entry) {
        byte[] timeout = entry.getBody().get(StreamKeys.TIMEOUT_MS);
        String id = entry.getId();
        int dash = id.indexOf('-');
        if (timeout == null || dash <= 0) {
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
