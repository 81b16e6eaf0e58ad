package io.clamator.transport.redis;

import java.time.Duration;
import java.util.Map;

/**
 * A Redis server's tuning.
 *
 * @param keyPrefix            the backend's key prefix
 * @param instanceId           this server's id: its consumer name is {@code <service>:<instanceId>}
 * @param replyStreamMaxLen    approximate cap on reply streams ({@code MAXLEN ~})
 * @param claimIdle            how long an entry stays unacknowledged before a live server reclaims it
 * @param shutdownGrace        how long stop waits for in-flight handlers
 * @param batchSize            entries read per {@code XREADGROUP}
 * @param blockTime            how long one {@code XREADGROUP} blocks
 * @param concurrency          handlers in flight per service, unless overridden
 * @param serviceConcurrency   per-service overrides of {@code concurrency}
 * @param maxPayloadBytes      envelopes larger than this are rejected unread
 */
record RedisServerSettings(String keyPrefix, String instanceId, long replyStreamMaxLen, Duration claimIdle,
                           Duration shutdownGrace, int batchSize, Duration blockTime, int concurrency,
                           Map<String, Integer> serviceConcurrency, int maxPayloadBytes) {

    RedisServerSettings {
        serviceConcurrency = Map.copyOf(serviceConcurrency);
    }

    int concurrencyOf(String service) {
        return serviceConcurrency.getOrDefault(service, concurrency);
    }

    /** How often unacknowledged entries are reclaimed: a quarter of the claim idle time, at least 1 s. */
    Duration reclaimInterval() {
        Duration quarter = claimIdle.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : quarter;
    }
}
