package io.clamator.metrics;

/**
 * What a service's command stream looked like when it was last read.
 *
 * @param length                 entries in the stream
 * @param lag                    entries not yet delivered to the service's consumer group
 * @param pending                entries delivered and not yet acknowledged
 * @param oldestPendingAgeMillis how long ago the oldest pending entry was sent, 0 when none is pending
 */
public record StreamFigures(long length, long lag, long pending, long oldestPendingAgeMillis) {
}
