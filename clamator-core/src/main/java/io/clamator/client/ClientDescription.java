package io.clamator.client;

/**
 * What a client calls through, for operators (Actuator's {@code clamator} endpoint).
 *
 * @param transport     the transport, e.g. {@code redis} or {@code memory}
 * @param keyPrefix     the key prefix (namespace) of the services it calls
 * @param replyStream   where its replies arrive, {@code null} where the transport has no such stream
 * @param running       whether it is running
 * @param callsInFlight calls waiting for their replies
 */
public record ClientDescription(String transport, String keyPrefix, String replyStream, boolean running, int callsInFlight) {
}
