package io.clamator.transport.redis;

import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limit on deliveries of one entry: an entry delivered again (reclaimed, or read again from
 * this server's own pending entries) more often than the limit is a call that keeps killing the
 * servers that run it, and goes to the dead letters instead of being run once more. Delivery
 * counts are Redis's own ({@code XPENDING}); with running entries kept claimed, they count real
 * deliveries.
 */
final class DeliveryLimit {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLimit.class);

    /** The delivery counts of entries pending to this server's consumer. */
    @FunctionalInterface
    interface CountSource {

        /** Redis's delivery count of each of these entries that is pending to this server's consumer. */
        CompletionStage<Map<String, Long>> deliveryCounts(List<String> entryIds);
    }

    /** Where entries past the limit go. */
    @FunctionalInterface
    interface DeadLetters {

        /** Moves the entry to the dead letters, answering its caller; completes when done. */
        CompletionStage<?> deadLetter(StreamMessage<String, byte[]> entry, long deliveries);
    }

    private final int maxDeliveries;
    private final CountSource counts;
    private final DeadLetters deadLetters;
    private final RepeatedFailureLog failures;

    DeliveryLimit(String service, int maxDeliveries, CountSource counts, DeadLetters deadLetters) {
        this.maxDeliveries = maxDeliveries;
        this.counts = counts;
        this.deadLetters = deadLetters;
        this.failures = new RepeatedFailureLog(log, "reading the delivery counts of service " + service);
    }

    /**
     * Sends the entries delivered more than the limit to the dead letters.
     *
     * @return the others, to be handled; all of them when the counts cannot be read (running a call
     *         once more is better than losing it), once the moves to the dead letters have ended, so
     *         that a loop waiting for it is under way until then. Never fails, so that the loop goes on.
     */
    CompletionStage<List<StreamMessage<String, byte[]>>> admit(List<StreamMessage<String, byte[]>> entries) {
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(entries);
        }
        List<String> ids = entries.stream().map(StreamMessage::getId).toList();
        CompletionStage<Map<String, Long>> lookup;
        try {
            lookup = counts.deliveryCounts(ids);
        } catch (RuntimeException e) {
            lookup = CompletableFuture.failedFuture(e);
        }
        return lookup.handle((byId, error) -> admitOrMove(entries, byId, error)).thenCompose(admitted -> admitted);
    }

    /** The entries to handle, once those past the limit have been moved (or have failed to move). */
    private CompletionStage<List<StreamMessage<String, byte[]>>> admitOrMove(List<StreamMessage<String, byte[]>> entries,
            Map<String, Long> byId, Throwable error) {
        if (error != null) {
            failures.failed(error, "entries are handled whatever their delivery count");
            return CompletableFuture.completedFuture(entries);
        }
        failures.succeeded();
        List<StreamMessage<String, byte[]>> admitted = new ArrayList<>(entries.size());
        List<CompletableFuture<?>> moves = new ArrayList<>();
        for (StreamMessage<String, byte[]> entry : entries) {
            long deliveries = byId.getOrDefault(entry.getId(), 0L);
            if (deliveries > maxDeliveries) {
                moves.add(moveToDeadLetters(entry, deliveries));
            } else {
                admitted.add(entry);
            }
        }
        return CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new)).handle((moved, failure) -> admitted);
    }

    /**
     * Completes when the move has ended, whichever way: the dead letters report their own failures,
     * and one that escapes them leaves the entry pending, to come again.
     */
    private CompletableFuture<?> moveToDeadLetters(StreamMessage<String, byte[]> entry, long deliveries) {
        try {
            return deadLetters.deadLetter(entry, deliveries).toCompletableFuture().exceptionally(failure -> null);
        } catch (RuntimeException e) {
            log.error("entry {} past the delivery limit could not be moved to the dead letters; it stays pending", entry.getId(), e);
            return CompletableFuture.completedFuture(null);
        }
    }
}
