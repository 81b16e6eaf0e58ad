package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DeliveryLimitTest {

    private final List<String> deadLettered = new ArrayList<>();

    private static StreamMessage<String, byte[]> entry(String id) {
        return new StreamMessage<>("shop:cmds:arith", id, Map.of());
    }

    private DeliveryLimit limit(DeliveryLimit.CountSource counts) {
        return new DeliveryLimit("arith", 5, counts, (entry, deliveries) -> {
            deadLettered.add(entry.getId() + "x" + deliveries);
            return CompletableFuture.completedFuture(null);
        });
    }

    @Test
    void entriesDeliveredMoreThanTheLimitGoToTheDeadLettersAndTheOthersAreHandled() {
        DeliveryLimit limit = limit(ids -> CompletableFuture.completedFuture(Map.of("1-0", 1L, "2-0", 5L, "3-0", 6L)));
        List<StreamMessage<String, byte[]>> admitted = limit.admit(List.of(entry("1-0"), entry("2-0"), entry("3-0")))
                .toCompletableFuture().join();
        assertThat(admitted).extracting(StreamMessage::getId).containsExactly("1-0", "2-0");
        assertThat(deadLettered).containsExactly("3-0x6");
    }

    @Test
    void aDeadLetterMoveThatThrowsLeavesItsEntryOutAndTheOthersAdmitted() {
        DeliveryLimit limit = new DeliveryLimit("arith", 5, ids -> CompletableFuture.completedFuture(Map.of("1-0", 9L, "2-0", 1L)),
                (entry, deliveries) -> {
                    throw new IllegalStateException("a bug in the dead letters");
                });
        assertThat(limit.admit(List.of(entry("1-0"), entry("2-0"))).toCompletableFuture().join())
                .extracting(StreamMessage::getId).containsExactly("2-0");
    }

    @Test
    void theAdmittedEntriesComeOnceTheMovesHaveEndedWhicheverWayTheyEnded() {
        CompletableFuture<Void> move = new CompletableFuture<>();
        DeliveryLimit limit = new DeliveryLimit("arith", 5, ids -> CompletableFuture.completedFuture(Map.of("1-0", 9L, "2-0", 1L)),
                (entry, deliveries) -> move);
        CompletableFuture<List<StreamMessage<String, byte[]>>> admitted =
                limit.admit(List.of(entry("1-0"), entry("2-0"))).toCompletableFuture();
        assertThat(admitted).as("while the dead letter is being moved").isNotDone();
        move.completeExceptionally(new RedisCommandTimeoutException("the move timed out"));
        assertThat(admitted.join()).extracting(StreamMessage::getId).containsExactly("2-0");
    }

    @Test
    void countsThatCannotBeAskedForAdmitEveryEntry() {
        DeliveryLimit limit = limit(ids -> {
            throw new IllegalStateException("connection closed");
        });
        assertThat(limit.admit(List.of(entry("1-0"))).toCompletableFuture().join()).hasSize(1);
    }

    @Test
    void withoutCountsEveryEntryIsHandled() {
        DeliveryLimit limit = limit(ids -> CompletableFuture.failedFuture(new RedisCommandTimeoutException("timed out")));
        assertThat(limit.admit(List.of(entry("1-0"))).toCompletableFuture().join()).hasSize(1);
        assertThat(deadLettered).isEmpty();
    }
}
