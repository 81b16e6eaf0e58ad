package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.server.ServerOptions;
import io.clamator.testing.LogCapture;
import io.lettuce.core.Consumer;
import io.lettuce.core.XReadArgs;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Entries left unacknowledged by a dead or stopping server are reclaimed and answered once. */
class RedisRecoveryTest extends RedisTestSupport {

    @Test
    void reclaimsEveryEntryOfADeadConsumerFollowingTheCursor() {
        String stream = commands("arith");
        redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "$"), "arith", io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
        int entries = 75;
        for (int i = 0; i < entries; i++) {
            redis.xadd(stream, "type", "rpc", "envelope",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":" + i + ",\"b\":0},\"id\":\"e" + i + "\"}",
                    "reply-to", replies("hand"));
        }
        assertThat(redis.xreadgroup(Consumer.from("arith", "arith:dead"), XReadArgs.Builder.count(entries),
                XReadArgs.StreamOffset.lastConsumed(stream))).hasSize(entries);

        ArithService arith = new ArithService();
        try (LogCapture logs = LogCapture.of(Reclaimer.class)) {
            RedisRpcServer server = closeLater(serverBuilder().claimIdle(Duration.ofMillis(200))
                    .options(ServerOptions.builder().concurrency(100).build()).build());
            server.register(Arith.class, arith);
            server.start();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(xrange(replies("hand"))).hasSize(entries));
            assertThat(logs.at(Level.INFO)).anySatisfy(event -> assertThat(event.getFormattedMessage())
                    .as("more than one XAUTOCLAIM batch of 32 in a single pass")
                    .startsWith("service arith: reclaimed " + entries + " entries"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(redis.xpending(stream, "arith").getCount()).isZero());
        assertThat(arith.handled).hasValue(entries);
    }

    @Test
    void aServerStartedWithItsFormerInstanceIdFirstHandlesWhatWasLeftPendingToItsConsumer() {
        String stream = commands("arith");
        redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "$"), "arith", io.lettuce.core.XGroupCreateArgs.Builder.mkstream());
        for (int i = 0; i < 3; i++) {
            redis.xadd(stream, "type", "rpc", "envelope",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":" + i + ",\"b\":1},\"id\":\"p" + i + "\"}",
                    "reply-to", replies("hand"));
        }
        assertThat(redis.xreadgroup(Consumer.from("arith", "arith:srv-A"), XReadArgs.Builder.count(3),
                XReadArgs.StreamOffset.lastConsumed(stream))).as("delivered to the crashed process").hasSize(3);

        ArithService arith = new ArithService();
        RedisRpcServer server = closeLater(serverBuilder().instanceId("srv-A").build());
        server.register(Arith.class, arith);
        server.start();

        await("long before the claim idle time of 60 s").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(xrange(replies("hand"))).hasSize(3));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(redis.xpending(stream, "arith").getCount()).isZero());
        assertThat(arith.handled).hasValue(3);
    }

    /**
     * The stream and its group vanish (as in a Redis restarted without persistence) and a caller
     * adds a call before the server's read meets the missing group: the group created again
     * delivers that call.
     */
    @Test
    void aCallAddedAfterTheGroupWentAndBeforeTheServerNoticedIsAnswered() {
        ArithService arith = new ArithService();
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, arith);
        server.start();
        Arith proxy = startedClient().proxy(Arith.class);
        assertThat(proxy.add(new Arith.AddParams(1, 1)).sum()).as("the server reads the stream").isEqualTo(2);

        try (LogCapture logs = LogCapture.of(StreamReader.class)) {
            redis.eval("redis.call('DEL', KEYS[1]); return redis.call('XADD', KEYS[1], '*', 'type', 'rpc', 'envelope', ARGV[1], 'reply-to', ARGV[2])",
                    io.lettuce.core.ScriptOutputType.VALUE, new String[] {commands("arith")},
                    "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":20,\"b\":22},\"id\":\"after-loss\"}",
                    replies("hand"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(xrange(replies("hand")))
                    .singleElement().satisfies(reply -> assertThat(value(reply, "envelope")).contains("\"after-loss\"").contains("42")));
            assertThat(logs.at(Level.WARN)).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("consumer group is gone"));
        }
        assertThat(proxy.add(new Arith.AddParams(2, 2)).sum()).as("and serves on").isEqualTo(4);
    }

    @Test
    void aStoppingServerLeavesAnUnfinishedEntryForAnotherServerWhichAnswersItOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean stuckHandlerFinished = new AtomicBoolean();
        ArithService stuck = new ArithService() {
            @Override
            public AddResult slowAdd(SlowAddParams params) {
                handled.incrementAndGet();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                stuckHandlerFinished.set(true);
                return new AddResult(-1);
            }
        };
        RedisRpcServer first = closeLater(serverBuilder().instanceId("srv-A").options(ServerOptions.builder().shutdownGrace(Duration.ofMillis(300)).build())
                .claimIdle(Duration.ofMillis(200)).build());
        first.register(Arith.class, stuck);
        first.start();
        RedisRpcClient client = closeLater(clientBuilder().instanceId("caller").build());
        client.start();
        CompletableFuture<Arith.AddResult> call = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(1, 2, 0), Arith.AddResult.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> stuck.handled.get() == 1);

        first.stop();
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).as("left unacknowledged").isEqualTo(1);

        ArithService healthy = new ArithService();
        RedisRpcServer second = closeLater(serverBuilder().instanceId("srv-B").claimIdle(Duration.ofMillis(200)).build());
        second.register(Arith.class, healthy);
        second.start();

        assertThat(call).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(new Arith.AddResult(3));
        release.countDown();
        await().atMost(Duration.ofSeconds(20)).untilTrue(stuckHandlerFinished);
        assertThat(healthy.handled).hasValue(1);
        // each entry is acknowledged after its reply (on a cluster, as a separate step), and the stuck one after its handler
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero());
        assertThat(xrange(replies("caller"))).as("exactly one reply").hasSize(1);
    }

    @Test
    void stopWaitsForInFlightHandlersWithinTheGracePeriod() {
        ArithService arith = new ArithService();
        RedisRpcServer server = closeLater(serverBuilder().options(ServerOptions.builder().shutdownGrace(Duration.ofSeconds(20)).build()).build());
        server.register(Arith.class, arith);
        server.start();
        RedisRpcClient client = startedClient();
        CompletableFuture<Arith.AddResult> call = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(2, 2, 1000), Arith.AddResult.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> arith.handled.get() == 1);
        server.stop();
        assertThat(call).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(new Arith.AddResult(4));
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero();
    }
}
