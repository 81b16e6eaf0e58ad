package io.clamator.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class CallbacksTest {

    @Test
    void aResultIsRelayedToTheCallbackExecutor() {
        CompletableFuture<String> source = new CompletableFuture<>();
        Thread[] ranOn = new Thread[1];
        CompletableFuture<String> relayed = Callbacks.relay(source, command -> {
            Thread thread = new Thread(command, "callback");
            ranOn[0] = thread;
            thread.start();
        });

        source.complete("done");

        assertThat(relayed).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("done");
        assertThat(ranOn[0].getName()).isEqualTo("callback");
    }

    @Test
    void whatTheCallerDoesToTheRelayedFutureFirstEndsTheCallTheSameWay() {
        CompletableFuture<String> timedOut = new CompletableFuture<>();
        Callbacks.relay(timedOut, Runnable::run).completeExceptionally(new TimeoutException());
        assertThat(timedOut).failsWithin(Duration.ZERO).withThrowableThat().withCauseInstanceOf(TimeoutException.class);

        CompletableFuture<String> cancelled = new CompletableFuture<>();
        Callbacks.relay(cancelled, Runnable::run).cancel(false);
        assertThat(cancelled).isCancelled();

        CompletableFuture<String> answered = new CompletableFuture<>();
        Callbacks.relay(answered, Runnable::run).complete("the caller's own");
        assertThat(answered).isCompletedWithValue("the caller's own");
    }

    @Test
    void anExecutorThatRefusesTheHandOverFailsTheCallInsteadOfLeavingItPending() {
        CompletableFuture<String> source = new CompletableFuture<>();
        Executor saturated = command -> {
            throw new RejectedExecutionException("queue full");
        };
        CompletableFuture<String> relayed = Callbacks.relay(source, saturated);

        source.complete("done");

        assertThat(relayed).isCompletedExceptionally();
        assertThat(relayed).failsWithin(Duration.ZERO).withThrowableThat().havingCause()
                .isInstanceOf(IllegalStateException.class).withMessageContaining("queue full");
    }
}
