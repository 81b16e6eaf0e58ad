package io.clamator.transport.redis;

import java.time.Duration;

/**
 * What a Redis server adds to the transport-neutral {@link io.clamator.server.ServerOptions}.
 *
 * @param keyPrefix         the backend's key prefix
 * @param instanceId        this server's id: its consumer name is {@code <service>:<instanceId>}
 * @param replyStreamMaxLen approximate cap on reply streams ({@code MAXLEN ~})
 * @param claimIdle         how long an entry stays unacknowledged before a live server reclaims it
 * @param batchSize         entries read per {@code XREADGROUP}, at most
 * @param prefetch          entries read beyond the free handler slots, to wait behind the running ones
 * @param blockTime         how long one {@code XREADGROUP} blocks
 * @param keepHandledEntries whether acknowledged entries stay in the command stream (else deleted with their acknowledgement)
 * @param replyStreamTtl    the time to live given to each reply stream written
 * @param consumerIdleTimeout how long a consumer of the group with nothing pending may stay idle before it is removed
 * @param maxDeliveries     how often an entry may be delivered before it goes to the dead letters
 * @param streamMetricsInterval how often the stream gauges' figures are read (when metrics are recorded)
 */
record RedisServerSettings(String keyPrefix, String instanceId, long replyStreamMaxLen, Duration claimIdle, int batchSize,
                           int prefetch, Duration blockTime, boolean keepHandledEntries,
                           Duration replyStreamTtl, Duration consumerIdleTimeout, int maxDeliveries,
                           Duration streamMetricsInterval) {
}
