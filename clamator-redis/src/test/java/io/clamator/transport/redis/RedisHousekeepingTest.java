package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.server.ServerOptions;
import io.clamator.testing.LogCapture;
import io.lettuce.core.Consumer;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a deployment leaves in Redis: consumers of instances that are gone, reply streams of clients that are gone. */
class RedisHousekeepingTest extends RedisTestSupport {

    private List<String> consumers(String service) {
        return redis.xinfoConsumers(commands(service), service).stream()
                .map(consumer -> String.valueOf(((List<?>) consumer).get(1)))
                .toList();
    }

    @Test
    void stopEndsTheBlockingReadAtOnceInsteadOfWaitingOutItsBlockTime() {
        RedisRpcServer server = serverBlockingAMinute();
        RedisClient node = RedisClient.create(nodeOf(commands("arith")).url());
        try (StatefulRedisConnection<String, String> connection = node.connect()) {
            long blockedBefore = blockedStreamReads(connection);
            server.start();
            assertThat(startedClient().proxy(Arith.class).add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(20)).until(() -> blockedStreamReads(connection) > blockedBefore);
        } finally {
            node.shutdown();
        }

        assertStopEndsItsReadAtOnce(server);
    }

    @Test
    void stopEndsTheBlockingReadAtOnceAfterItsConnectionWasReplaced() {
        RedisRpcServer server = serverBlockingAMinute();
        RedisClient node = RedisClient.create(nodeOf(commands("arith")).url());
        try (StatefulRedisConnection<String, String> connection = node.connect()) {
            Set<Long> blockedBefore = blockedStreamReadIds(connection);
            server.start();
            assertThat(startedClient().proxy(Arith.class).add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
            long first = await().atMost(Duration.ofSeconds(20)).until(() -> newOne(blockedStreamReadIds(connection), blockedBefore),
                    id -> id != null);
            connection.sync().clientKill(KillArgs.Builder.id(first));
            Set<Long> gone = new HashSet<>(blockedBefore);
            gone.add(first);
            await().atMost(Duration.ofSeconds(20)).until(() -> newOne(blockedStreamReadIds(connection), gone), id -> id != null);
            assertThat(startedClient().proxy(Arith.class).add(new Arith.AddParams(2, 2)).sum()).isEqualTo(4);
        } finally {
            node.shutdown();
        }

        assertStopEndsItsReadAtOnce(server);
    }

    /** A server of Arith whose reads block for a minute and whose stop would wait 50 s for them. */
    private RedisRpcServer serverBlockingAMinute() {
        RedisRpcServer server = closeLater(serverBuilder().blockTime(Duration.ofSeconds(60))
                .options(ServerOptions.builder().shutdownGrace(Duration.ofSeconds(50)).build()).build());
        server.register(Arith.class, new ArithService());
        return server;
    }

    private static void assertStopEndsItsReadAtOnce(RedisRpcServer server) {
        long started = System.nanoTime();
        server.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("CLIENT UNBLOCK, not the 60 s block time or the 50 s grace")
                .isLessThan(Duration.ofSeconds(20));
    }

    private static Long newOne(Set<Long> ids, Set<Long> known) {
        return ids.stream().filter(id -> !known.contains(id)).findFirst().orElse(null);
    }

    /** The connections of a Redis blocked in {@code XREADGROUP}. */
    private static long blockedStreamReads(StatefulRedisConnection<String, String> connection) {
        return blockedStreamReadIds(connection).size();
    }

    /** The client ids of the connections of a Redis blocked in {@code XREADGROUP}. */
    private static Set<Long> blockedStreamReadIds(StatefulRedisConnection<String, String> connection) {
        return connection.sync().clientList().lines()
                .filter(client -> client.contains("cmd=xreadgroup") && client.matches(".* flags=\\S*b.*"))
                .map(client -> Long.parseLong(client.replaceFirst("^id=(\\d+) .*", "$1")))
                .collect(Collectors.toSet());
    }

    @Test
    void aStoppingServerRemovesItsConsumerUnlessEntriesArePendingToIt() throws Exception {
        RedisRpcServer tidy = serverBuilder().instanceId("tidy").build();
        tidy.register(Arith.class, new ArithService());
        tidy.start();
        assertThat(startedClient().proxy(Arith.class).add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
        assertThat(consumers("arith")).contains("arith:tidy");
        tidy.stop();
        assertThat(consumers("arith")).doesNotContain("arith:tidy");

        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        RedisRpcServer cutOff = serverBuilder().instanceId("cut-off")
                .options(ServerOptions.builder().shutdownGrace(Duration.ofMillis(200)).build()).build();
        cutOff.register(Arith.class, new ArithService() {
            @Override
            public AddResult slowAdd(SlowAddParams params) {
                started.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new AddResult(0);
            }
        });
        cutOff.start();
        try {
            startedClient().callAsync("arith", "slowAdd", new Arith.SlowAddParams(1, 1, 0), Arith.AddResult.class);
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            cutOff.stop();
            assertThat(consumers("arith")).as("its pending entry must stay claimable").contains("arith:cut-off");
        } finally {
            release.countDown();
        }
    }

    @Test
    void consumersOfInstancesThatAreGoneAreRemovedOnceIdleWithNothingPending() {
        String stream = commands("arith");
        redis.xgroupCreate(XReadArgs.StreamOffset.latest(stream), "arith", XGroupCreateArgs.Builder.mkstream());
        for (int i = 0; i < 20; i++) {
            redis.xgroupCreateconsumer(stream, Consumer.from("arith", "arith:gone-" + i));
        }
        redis.xadd(stream, "type", "rpc");
        redis.xreadgroup(Consumer.from("arith", "arith:gone-with-work"), XReadArgs.Builder.count(1), XReadArgs.StreamOffset.lastConsumed(stream));
        assertThat(consumers("arith")).hasSize(21);

        RedisRpcServer server = closeLater(serverBuilder().instanceId("live").consumerIdleTimeout(Duration.ofSeconds(1)).build());
        server.register(Arith.class, new ArithService());
        server.start();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(consumers("arith")).containsExactlyInAnyOrder("arith:live", "arith:gone-with-work"));
        assertThat(startedClient().proxy(Arith.class).add(new Arith.AddParams(2, 2)).sum()).isEqualTo(4);
    }

    @Test
    void replyStreamsExpireUnlessTheirLiveClientRenewsThem() {
        RedisRpcServer server = closeLater(serverBuilder().replyStreamTtl(Duration.ofSeconds(1)).build());
        server.register(Arith.class, new ArithService());
        server.start();
        RedisRpcClient live = closeLater(clientBuilder().instanceId("live").replyStreamTtl(Duration.ofSeconds(1)).build());
        live.start();
        assertThat(live.proxy(Arith.class).add(new Arith.AddParams(1, 2)).sum()).isEqualTo(3);
        String gone = replies("gone");
        redis.xadd(commands("arith"), "type", "rpc", "envelope",
                "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":1,\"b\":1},\"id\":\"g1\"}", "reply-to", gone);

        await().atMost(Duration.ofSeconds(20)).until(() -> redis.exists(gone) == 1);
        assertThat(redis.pttl(gone)).as("a time to live given by the server").isPositive();
        await().atMost(Duration.ofSeconds(20)).until(() -> redis.exists(gone) == 0);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> redis.exists(live.replyStream()) == 1 && redis.pttl(live.replyStream()) > 0);
    }

    @Test
    @Tag("redis7")
    void aTimeoutSaysSoWhenRepliesWereTrimmedBeforeTheClientReadThem() {
        assumeThat(redisVersion()).as("XINFO STREAM tells max-deleted-entry-id from Redis 7 on").doesNotStartWith("6.");
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofMillis(300)).build());
        client.start();
        redis.eval("redis.call('XADD', KEYS[1], '*', 'type', 'rpc', 'envelope', '{}'); return redis.call('XTRIM', KEYS[1], 'MAXLEN', 0)",
                ScriptOutputType.INTEGER, client.replyStream());

        try (LogCapture logs = LogCapture.of(ReplyTrimCheck.class)) {
            assertThatThrownBy(() -> client.call("arith", "add", new Arith.AddParams(1, 1), Arith.AddResult.class))
                    .isInstanceOf(ClamatorTimeoutException.class);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(logs.at(Level.WARN)).singleElement()
                    .satisfies(event -> assertThat(event.getFormattedMessage())
                            .startsWith("replies to this client were trimmed from its reply stream " + client.replyStream())
                            .contains("Raise reply-stream-max-len")));
        }
        assertThatThrownBy(() -> client.call("arith", "add", new Arith.AddParams(1, 1), Arith.AddResult.class))
                .hasMessageContaining("replies to this client were trimmed unread from " + client.replyStream());
    }

    @Test
    @Tag("redis7")
    void entriesTrimmedFromAReplyStreamBeforeTheClientStartedAreNotTakenForItsOwnLoss() {
        assumeThat(redisVersion()).as("XINFO STREAM tells entries-added from Redis 7 on").doesNotStartWith("6.");
        String leftByAnEarlierRun = replies("fixed");
        redis.eval("for i = 1, 50 do redis.call('XADD', KEYS[1], '*', 'type', 'rpc', 'envelope', '{}') end"
                + " return redis.call('XTRIM', KEYS[1], 'MAXLEN', 5)", ScriptOutputType.INTEGER, leftByAnEarlierRun);
        RedisRpcClient client = closeLater(clientBuilder().instanceId("fixed").defaultTimeout(Duration.ofMillis(300)).build());
        client.start();

        try (LogCapture logs = LogCapture.of(ReplyTrimCheck.class)) {
            for (int call = 0; call < 2; call++) {
                assertThatThrownBy(() -> client.call("arith", "add", new Arith.AddParams(1, 1), Arith.AddResult.class))
                        .isInstanceOf(ClamatorTimeoutException.class)
                        .satisfies(timeout -> assertThat(timeout.getMessage()).doesNotContain("trimmed"));
            }
            assertThat(logs.at(Level.WARN)).isEmpty();
        }
    }
}
