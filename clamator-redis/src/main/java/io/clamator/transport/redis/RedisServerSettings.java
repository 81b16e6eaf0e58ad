package io.clamator.transport.redis;

import java.time.Duration;

/**
 * What a Redis server adds to the transport-neutral {@link io.clamator.server.ServerOptions}.
 *
 * @param keyPrefix         the backend's key prefix
 * @param instanceId        this server's id: its consumer name is {@code <service>:<instanceId>}
 * @param replyStreamMaxLen approximate cap on reply streams ({@code MAXLEN ~})
 * @param claimIdle         how long an entry stays unacknowledged before a live server reclaims it
 * @param batchSize         entries read per {@code XREADGROUP}
 * @param blockTime         how long one {@code XREADGROUP} blocks
 */
record RedisServerSettings(String keyPrefix, String instanceId, long replyStreamMaxLen, Duration claimIdle, int batchSize,
                           Duration blockTime) {
}
