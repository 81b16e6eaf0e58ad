package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.fixtures.Arith;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Server JVM processes sharing a key prefix: a worker pool, and recovery from a SIGKILL. */
class RedisWorkerPoolProcessTest extends RedisTestSupport {

    private ServerProcessHandle startServer(String instanceId, Duration claimIdle) throws Exception {
        ServerProcessHandle server = closeLater(ServerProcessHandle.start(redisServer.url(), prefix, instanceId, claimIdle));
        await().atMost(Duration.ofSeconds(60)).until(() -> server.printed("READY"));
        return server;
    }

    @Test
    void twoServerProcessesShareTheCalls() throws Exception {
        ServerProcessHandle a = startServer("srv-A", Duration.ofSeconds(60));
        ServerProcessHandle b = startServer("srv-B", Duration.ofSeconds(60));
        Arith arith = startedClient().proxy(Arith.class);
        for (int i = 0; i < 50; i++) {
            assertThat(arith.add(new Arith.AddParams(i, 1)).sum()).isEqualTo(i + 1);
        }
        int handledByA = a.terminateAndCountHandled();
        int handledByB = b.terminateAndCountHandled();
        assertThat(handledByA + handledByB).isEqualTo(50);
        assertThat(handledByA).as("srv-A share").isGreaterThanOrEqualTo(5);
        assertThat(handledByB).as("srv-B share").isGreaterThanOrEqualTo(5);
    }

    @Test
    void anEntryOfAServerKilledMidHandlerIsReclaimedByTheOther() throws Exception {
        Duration claimIdle = Duration.ofMillis(200);
        ServerProcessHandle doomed = startServer("srv-A", claimIdle);
        RedisRpcClient client = startedClient();
        CompletableFuture<Arith.AddResult> call = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(1, 2, 1500), Arith.AddResult.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> doomed.printed("HANDLING"));
        doomed.kill();
        ServerProcessHandle survivor = startServer("srv-B", claimIdle);
        assertThat(call).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(new Arith.AddResult(3));
        assertThat(survivor.count("HANDLING")).isEqualTo(1);
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero();
    }
}
