package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.clamator.testing.LogCapture;
import io.lettuce.core.RedisCommandTimeoutException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class ServiceGroupCheckTest {

    /** Answers each {@code XINFO GROUPS} with the next prepared answer, at once. */
    private final Queue<CompletionStage<List<Object>>> answers = new ArrayDeque<>();
    private int asked;
    private final ServiceGroupCheck check = new ServiceGroupCheck("app", stream -> {
        asked++;
        return answers.remove();
    });

    @Test
    void aStreamWithoutGroupIsWarnedAboutOnceAndNamedInTimeouts() {
        answers.add(CompletableFuture.completedFuture(List.of()));
        answers.add(CompletableFuture.completedFuture(List.of()));
        try (LogCapture logs = LogCapture.of(ServiceGroupCheck.class)) {
            check.checkOnce("arith");
            check.checkOnce("arith");
            assertThat(check.hint("arith")).isEqualTo("stream app:cmds:arith had no consumer group: nothing has served \"arith\" under key prefix \"app\"");
            assertThat(asked).as("once at the first call, again at the timeout").isEqualTo(2);
            assertThat(logs.at(Level.WARN)).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                    .startsWith("no consumer group on stream app:cmds:arith"));
        }
    }

    @Test
    void aCheckThatCouldNotTellIsMadeAgainAtTheNextTimeout() {
        answers.add(CompletableFuture.failedFuture(new RedisCommandTimeoutException("timed out")));
        answers.add(CompletableFuture.completedFuture(List.of()));
        answers.add(CompletableFuture.completedFuture(List.of()));
        try (LogCapture logs = LogCapture.of(ServiceGroupCheck.class)) {
            check.checkOnce("arith");
            assertThat(check.hint("arith")).isEqualTo("stream app:cmds:arith");
            assertThat(asked).isEqualTo(2);
            assertThat(logs.at(Level.WARN)).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                    .startsWith("no consumer group on stream app:cmds:arith"));
            assertThat(check.hint("arith")).startsWith("stream app:cmds:arith had no consumer group");
            assertThat(asked).as("and again, since a server may have started since").isEqualTo(3);
        }
    }
}
