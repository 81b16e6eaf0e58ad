package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.server.ServerOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Long and stuck handlers in a pool of two servers: no call waits behind them, none runs twice. */
class RedisBusyServersTest extends RedisTestSupport {

    private RedisRpcServer startedServer(String instanceId, ArithService service, RedisRpcServer.Builder builder) {
        RedisRpcServer server = closeLater(builder.instanceId(instanceId).build());
        server.register(Arith.class, service);
        server.start();
        return server;
    }

    private List<PendingMessage> pendingEntries() {
        return redis.xpending(commands("arith"), "arith", Range.create("-", "+"), Limit.from(100));
    }

    @Test
    void aHandlerRunningThreeTimesTheClaimIdleTimeBesideASecondServerRunsOnceAndCountsOneDelivery() {
        Duration claimIdle = Duration.ofSeconds(1);
        ArithService first = new ArithService();
        ArithService second = new ArithService();
        startedServer("srv-A", first, serverBuilder().claimIdle(claimIdle));
        startedServer("srv-B", second, serverBuilder().claimIdle(claimIdle));
        RedisRpcClient client = startedClient();

        CompletableFuture<Arith.AddResult> call = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(2, 3, 3_500),
                Arith.AddResult.class, Duration.ofSeconds(30));
        List<Long> deliveryCounts = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            pendingEntries().forEach(entry -> deliveryCounts.add(entry.getRedeliveryCount()));
            return call.isDone();
        });

        assertThat(call).isCompletedWithValue(new Arith.AddResult(5));
        assertThat(first.handled.get() + second.handled.get()).as("handler runs").isEqualTo(1);
        assertThat(deliveryCounts).as("seen while it ran").isNotEmpty().containsOnly(1L);
    }

    @Test
    void aPrefetchedCallWaitingLongerThanTheClaimIdleTimeIsNotTakenOverAndRunsOnce() {
        Duration claimIdle = Duration.ofSeconds(2);
        ArithService first = new ArithService();
        ArithService second = new ArithService();
        RedisRpcServer prefetching = startedServer("srv-A", first,
                serverBuilder().claimIdle(claimIdle).prefetch(1).options(ServerOptions.builder().concurrency(1).build()));
        RedisRpcClient client = startedClient();
        CompletableFuture<Arith.AddResult> slow = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(2, 3, 6_000),
                Arith.AddResult.class, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> first.handled.get() == 1);
        CompletableFuture<Arith.AddResult> waiting = client.callAsync("arith", "add", new Arith.AddParams(1, 1), Arith.AddResult.class,
                Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> prefetching.describe().services().get(0).entriesQueued() == 1);
        startedServer("srv-B", second, serverBuilder().claimIdle(claimIdle));

        List<Long> deliveryCounts = new CopyOnWriteArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            pendingEntries().forEach(entry -> deliveryCounts.add(entry.getRedeliveryCount()));
            return slow.isDone() && waiting.isDone();
        });

        assertThat(waiting).isCompletedWithValue(new Arith.AddResult(2));
        assertThat(first.handled).as("both calls, by the server that read them").hasValue(2);
        assertThat(second.handled).as("the waiting call was not taken over").hasValue(0);
        assertThat(deliveryCounts).as("seen while they were held").isNotEmpty().containsOnly(1L);
    }

    @Test
    void aStuckHandlerOnOneServerDelaysNoOtherCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuckStarted = new CountDownLatch(1);
        ArithService service = new ArithService() {
            @Override
            public AddResult slowAdd(SlowAddParams params) {
                stuckStarted.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new AddResult(params.a() + params.b());
            }
        };
        startedServer("srv-A", service, serverBuilder());
        startedServer("srv-B", service, serverBuilder());
        RedisRpcClient client = startedClient();
        try {
            CompletableFuture<Arith.AddResult> stuck = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(0, 0, 0),
                    Arith.AddResult.class, Duration.ofSeconds(60));
            assertThat(stuckStarted.await(20, TimeUnit.SECONDS)).isTrue();

            List<CompletableFuture<Arith.AddResult>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(client.callAsync("arith", "add", new Arith.AddParams(i, 1), Arith.AddResult.class, Duration.ofSeconds(10)));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i)).as("call %d, beside the stuck one", i).succeedsWithin(Duration.ofSeconds(20))
                        .isEqualTo(new Arith.AddResult(i + 1));
            }
            assertThat(stuck).isNotDone();
        } finally {
            release.countDown();
        }
    }

    @Test
    void stoppingAServerWhileCallsQueueBehindASlowHandlerDelaysNoCallBeyondTheGracePeriod() {
        ArithService service = new ArithService();
        RedisRpcServer stopping = startedServer("srv-A", service,
                serverBuilder().options(ServerOptions.builder().shutdownGrace(Duration.ofSeconds(5)).build()));
        startedServer("srv-B", service, serverBuilder());
        RedisRpcClient client = startedClient();
        List<CompletableFuture<Arith.AddResult>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(i, 1, 200), Arith.AddResult.class,
                    Duration.ofSeconds(30)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> service.handled.get() >= 2);
        stopping.stop();

        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i)).as("call %d: nothing waits for the claim idle time of 60 s", i)
                    .succeedsWithin(Duration.ofSeconds(30)).isEqualTo(new Arith.AddResult(i + 1));
        }
        assertThat(service.handled).as("each call ran once").hasValue(20);
    }
}
