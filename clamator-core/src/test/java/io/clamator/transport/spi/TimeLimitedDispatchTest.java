package io.clamator.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.contract.ClamatorContract;
import io.clamator.contract.ClamatorMethod;
import io.clamator.contract.Notification;
import io.clamator.protocol.Envelope;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import io.clamator.testing.ManualTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.StringNode;

/** Which limit applies to a call, and what the limit does when it passes first. */
class TimeLimitedDispatchTest {

    @ClamatorContract("work")
    public interface Work {

        @ClamatorMethod(handlerTimeoutMillis = 500)
        CompletableFuture<Void> own(Object params);

        CompletableFuture<Void> inherited(Object params);

        @Notification
        void told(Object params);
    }

    private final ManualTimer timer = new ManualTimer();
    private final List<Envelope.Response> answers = new ArrayList<>();
    private final AtomicInteger interrupts = new AtomicInteger();
    private final CompletableFuture<Void> never = new CompletableFuture<>();
    private final ServiceDefinition work = ServiceDefinition.of(Work.class, new Work() {
        @Override
        public CompletableFuture<Void> own(Object params) {
            return never;
        }

        @Override
        public CompletableFuture<Void> inherited(Object params) {
            return never;
        }

        @Override
        public void told(Object params) {
        }
    });
    private final EntryScheduler.Run run = new EntryScheduler.Run() {
        @Override
        public void releaseSlot() {
        }

        @Override
        public boolean isAbandoned() {
            return false;
        }

        @Override
        public void interrupt() {
            interrupts.incrementAndGet();
        }
    };

    private TimeLimitedDispatch dispatch(ServerOptions options) {
        return new TimeLimitedDispatch(new RpcDispatcher(options), options, timer, "test");
    }

    private CompletableFuture<Void> call(TimeLimitedDispatch dispatch, String method) {
        Envelope.Call call = new Envelope.Request(StringNode.valueOf("c1"), "work", method, JsonNodeFactory.instance.objectNode());
        return dispatch.dispatch(work, call, Map::of, run, response -> {
            answers.add(response);
            return CompletableFuture.<Void>completedFuture(null);
        }).toCompletableFuture();
    }

    @Test
    void aMethodsOwnLimitComesBeforeTheServicesAndThePassingLimitAnswersAtOnce() {
        TimeLimitedDispatch dispatch = dispatch(ServerOptions.builder().handlerTimeout("work", Duration.ofSeconds(3)).build());
        CompletableFuture<Void> own = call(dispatch, "own");
        CompletableFuture<Void> inherited = call(dispatch, "inherited");
        assertThat(timer.pendingDelays()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(3));
        assertThat(own).isNotDone();

        timer.runPending();
        assertThat(own).isCompleted();
        assertThat(inherited).isCompleted();
        assertThat(answers).hasSize(2).allSatisfy(answer -> assertThat(answer).isInstanceOfSatisfying(Envelope.Error.class, error -> {
            assertThat(error.code()).isEqualTo(-32603);
            assertThat(error.message()).isEqualTo("Handler timed out");
        }));
        assertThat(interrupts).hasValue(2);
    }

    @Test
    void withoutALimitNothingIsScheduledAndAResultInTimeCancelsTheLimit() {
        TimeLimitedDispatch unlimited = dispatch(ServerOptions.defaults());
        call(unlimited, "inherited");
        assertThat(timer.pendingDelays()).isEmpty();

        TimeLimitedDispatch limited = dispatch(ServerOptions.builder().handlerTimeout(Duration.ofSeconds(1)).build());
        CompletableFuture<Void> answered = call(limited, "inherited");
        never.complete(null);
        assertThat(answered).isCompleted();
        assertThat(answers).last().isInstanceOf(Envelope.Success.class);
        assertThat(timer.runPending()).as("the limit was cancelled").isZero();
        assertThat(interrupts).hasValue(0);
    }

    @Test
    void aNotificationPastItsLimitFinishesWithoutAnAnswer() {
        TimeLimitedDispatch dispatch = dispatch(ServerOptions.builder().handlerTimeout(Duration.ofMillis(200)).build());
        Envelope.Call told = new Envelope.Notification("work", "told", JsonNodeFactory.instance.objectNode());
        List<Envelope.Response> seen = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        ServiceDefinition slow = ServiceDefinition.builder("work").notification("told", Object.class, params -> done.join()).build();
        CompletableFuture<Void> finished = CompletableFuture.runAsync(() -> dispatch.dispatch(slow, told, Map::of, run, response -> {
            seen.add(response);
            return CompletableFuture.<Void>completedFuture(null);
        }));
        org.awaitility.Awaitility.await().until(() -> !timer.pendingDelays().isEmpty());
        timer.runPending();
        assertThat(seen).containsExactly((Envelope.Response) null);
        done.complete(null);
        assertThat(finished).succeedsWithin(Duration.ofSeconds(20));
    }

    @Test
    void aNotificationMethodCalledWithAnIdPastItsLimitIsAnsweredWithNothingAsInTime() {
        TimeLimitedDispatch dispatch = dispatch(ServerOptions.builder().handlerTimeout(Duration.ofMillis(200)).build());
        Envelope.Call toldWithAnId = new Envelope.Request(StringNode.valueOf("c2"), "work", "told", JsonNodeFactory.instance.objectNode());
        List<Envelope.Response> seen = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        ServiceDefinition slow = ServiceDefinition.builder("work").notification("told", Object.class, params -> done.join()).build();
        CompletableFuture<Void> finished = CompletableFuture.runAsync(() -> dispatch.dispatch(slow, toldWithAnId, Map::of, run, response -> {
            seen.add(response);
            return CompletableFuture.<Void>completedFuture(null);
        }));
        org.awaitility.Awaitility.await().until(() -> !timer.pendingDelays().isEmpty());
        timer.runPending();
        assertThat(seen).as("no reply, as the dispatcher gives none in time").containsExactly((Envelope.Response) null);
        assertThat(interrupts).hasValue(1);
        done.complete(null);
        assertThat(finished).succeedsWithin(Duration.ofSeconds(20));
    }
}
