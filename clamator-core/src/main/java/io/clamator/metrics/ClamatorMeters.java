package io.clamator.metrics;

/**
 * The names and tags of the meters clamator records with {@link ClamatorMetrics#of}. In Prometheus
 * the dots become underscores, counters gain {@code _total} and the age gauge {@code _seconds}.
 * Every meter carries {@value #KEY_PREFIX}; all but the client gauge carry {@value #SERVICE}.
 */
public final class ClamatorMeters {

    /** Tag: the service (contract) name. */
    public static final String SERVICE = "rpc.service";
    /** Tag: the key prefix (namespace) the service is served or called under. */
    public static final String KEY_PREFIX = "clamator.key_prefix";

    /** Gauge: handlers of the service running in this process. */
    public static final String HANDLERS_ACTIVE = "clamator.server.handlers.active";
    /** Gauge: entries this process has read and not yet started (waiting for a handler slot). */
    public static final String ENTRIES_QUEUED = "clamator.server.entries.queued";
    /** Counter: entries taken over from servers that left them unacknowledged. */
    public static final String ENTRIES_RECLAIMED = "clamator.server.entries.reclaimed";
    /** Counter: entries that were no readable call (acknowledged, dropped). */
    public static final String ENTRIES_POISON = "clamator.server.entries.poison";
    /** Counter: entries moved to the dead letters after too many deliveries. */
    public static final String DEAD_LETTERS = "clamator.server.dead.letters";
    /** Counter: calls answered at their handler time limit. */
    public static final String HANDLER_TIMEOUTS = "clamator.server.handler.timeouts";
    /** Counter: replies that could not be written. */
    public static final String REPLY_FAILURES = "clamator.server.reply.failures";

    /** Gauge: entries in the service's command stream. */
    public static final String STREAM_LENGTH = "clamator.stream.length";
    /** Gauge: entries of the command stream not yet delivered to the service's consumer group. */
    public static final String STREAM_LAG = "clamator.stream.lag";
    /** Gauge: entries delivered and not yet acknowledged. */
    public static final String STREAM_PENDING = "clamator.stream.pending";
    /** Gauge, seconds: how long ago the oldest pending entry was sent. */
    public static final String STREAM_OLDEST_PENDING_AGE = "clamator.stream.oldest.pending.age";

    /** Gauge: calls of this process's clients waiting for their replies. */
    public static final String CLIENT_CALLS_ACTIVE = "clamator.client.calls.active";
    /** Counter: calls that got no reply within their timeout. */
    public static final String CLIENT_TIMEOUTS = "clamator.client.timeouts";

    private ClamatorMeters() {
    }
}
