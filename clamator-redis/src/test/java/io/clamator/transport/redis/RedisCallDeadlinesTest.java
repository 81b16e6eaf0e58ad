package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A server does not run calls whose callers have given up; calls still awaited run. */
class RedisCallDeadlinesTest extends RedisTestSupport {

    @Test
    void callsMadeWhileNoServerRanAreNotExecutedOnceTheirCallersGaveUp() {
        RedisRpcServer earlier = serverBuilder().build();
        earlier.register(Arith.class, new ArithService());
        earlier.start();
        earlier.stop();
        RedisRpcClient client = startedClient();
        List<CompletableFuture<Arith.AddResult>> givenUp = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            givenUp.add(client.callAsync("arith", "add", new Arith.AddParams(i, 1), Arith.AddResult.class, Duration.ofMillis(300)));
        }
        CompletableFuture<Arith.AddResult> patient = client.callAsync("arith", "add", new Arith.AddParams(20, 1), Arith.AddResult.class,
                Duration.ofSeconds(60));
        for (CompletableFuture<Arith.AddResult> call : givenUp) {
            assertThat(call).failsWithin(Duration.ofSeconds(20)).withThrowableThat().havingCause()
                    .isInstanceOf(ClamatorTimeoutException.class);
        }

        ArithService arith = new ArithService();
        try (LogCapture logs = LogCapture.of(RedisEntryHandler.class)) {
            RedisRpcServer server = closeLater(serverBuilder().build());
            server.register(Arith.class, arith);
            server.start();

            assertThat(patient).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(new Arith.AddResult(21));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(redis.xlen(commands("arith"))).isZero());
            assertThat(arith.handled).as("only the call still awaited ran").hasValue(1);
            assertThat(logs.messages()).filteredOn(line -> line.contains("not run: its caller stopped waiting")).hasSize(5);
        }
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero();
    }
}
