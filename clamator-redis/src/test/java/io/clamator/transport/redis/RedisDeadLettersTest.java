package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.protocol.RpcException;
import io.lettuce.core.Consumer;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Calls that keep killing their servers end in the dead letters; operations list, replay and purge them. */
class RedisDeadLettersTest extends RedisTestSupport {

    private static final int MAX_DELIVERIES = 2;

    @Test
    void aCallThatHaltsEveryServerRunningItEndsInTheDeadLettersAndItsCallerIsAnswered() throws Exception {
        Duration claimIdle = Duration.ofMillis(500);
        List<ServerProcessHandle> pool = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            pool.add(startServer("srv-" + i, claimIdle));
        }
        RedisRpcClient client = startedClient();
        CompletableFuture<Arith.EchoText> poison = client.callAsync("arith", "echoText", new Arith.EchoText("halt"), Arith.EchoText.class,
                Duration.ofSeconds(120));

        // keep the pool at two servers, as an orchestrator would, until the call is answered
        int[] started = {pool.size()};
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (int i = 0; i < pool.size(); i++) {
                if (!pool.get(i).isAlive()) {
                    pool.set(i, closeLater(ServerProcessHandle.start(redisTarget(), prefix, "srv-" + started[0]++, claimIdle,
                            MAX_DELIVERIES)));
                }
            }
            return poison.isDone();
        });

        assertThat(poison).failsWithin(Duration.ofSeconds(1)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(RpcException.class, error -> {
                    assertThat(error.code()).isEqualTo(-32603);
                    assertThat(error.getMessage()).isEqualTo("Delivery limit exceeded");
                    assertThat(error.data().get("deliveries").intValue()).isEqualTo(MAX_DELIVERIES + 1);
                });
        assertThat(started[0] - 2).as("servers halted by the call").isEqualTo(MAX_DELIVERIES);
        // the caller is answered before the entry is acknowledged (on a cluster, as separate steps)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(redis.xpending(commands("arith"), "arith").getCount()).as("acknowledged").isZero());
        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(2, 3)).sum()).as("the pool serves on").isEqualTo(5);

        RedisDeadLetters deadLetters = deadLetters();
        List<RedisDeadLetters.DeadLetter> letters = deadLetters.list(10);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.service()).isEqualTo("arith");
            assertThat(letter.envelope()).contains("\"method\":\"arith.echoText\"").contains("halt");
            assertThat(letter.replyTo()).isEqualTo(client.replyStream());
            assertThat(letter.deliveries()).isEqualTo(MAX_DELIVERIES + 1);
            assertThat(letter.consumer()).startsWith("arith:srv-");
            assertThat(letter.reason()).isEqualTo("delivery limit exceeded");
        });
        assertThat(deadLetters.purge(letters.get(0).id())).isTrue();
        assertThat(deadLetters.list(10)).isEmpty();
    }

    @Test
    void aDeadLetterWhoseCallerCannotBeAnsweredIsMovedOnceAndAcknowledged() {
        String stream = commands("arith");
        String replyTo = replies("wrong-type");
        redis.set(replyTo, "not a stream");
        redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0-0"), "arith", XGroupCreateArgs.Builder.mkstream());
        String entry = redis.xadd(stream, Map.of("type", "rpc", "reply-to", replyTo,
                "envelope", "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":1,\"b\":2},\"id\":\"w1\"}"));
        redis.xreadgroup(Consumer.from("arith", "arith:gone"), XReadArgs.StreamOffset.lastConsumed(stream));
        redis.xclaim(stream, Consumer.from("arith", "arith:gone"), 0, entry);

        ArithService arith = new ArithService();
        RedisRpcServer server = closeLater(serverBuilder().claimIdle(Duration.ofSeconds(1)).maxDeliveries(1).build());
        server.register(Arith.class, arith);
        server.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(redis.xpending(stream, "arith").getCount()).as("acknowledged").isZero());
        assertThat(deadLetters().list(10)).singleElement().satisfies(letter -> assertThat(letter.entryId()).isEqualTo(entry));
        assertThat(redis.get(replyTo)).isEqualTo("not a stream");
        assertThat(arith.handled).hasValue(0);
    }

    @Test
    void aReplayedDeadLetterRunsAgainAsANewCall() {
        String deadLetters = prefix + ":dead-letters";
        String envelope = "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":20,\"b\":22},\"id\":\"replayed\"}";
        String id = redis.xadd(deadLetters, "service", "arith", "entry", "1-0", "envelope", envelope, "reply-to", replies("ops"),
                "deliveries", "6", "consumer", "arith:gone", "reason", "delivery limit exceeded");
        redis.xadd(deadLetters, "service", "arith", "entry", "2-0", "envelope", envelope, "reply-to", "", "deliveries", "6",
                "consumer", "arith:gone", "reason", "delivery limit exceeded");
        ArithService arith = new ArithService();
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, arith);
        server.start();

        RedisDeadLetters letters = deadLetters();
        assertThat(letters.list(10)).hasSize(2);
        assertThat(letters.replay(id)).isNotBlank();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(xrange(replies("ops"))).hasSize(1));
        assertThat(fields(xrange(replies("ops")).get(0))).contains("{\"jsonrpc\":\"2.0\",\"id\":\"replayed\",\"result\":{\"sum\":42.0}}");
        assertThat(letters.list(10)).hasSize(1);
        assertThatThrownBy(() -> letters.replay(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dead letter " + id);
        assertThat(letters.purgeAll()).isEqualTo(1);
        assertThat(letters.list(10)).isEmpty();
        assertThat(arith.handled).hasValue(1);
    }

    @Test
    void aDeadLetterWrittenByAnotherToolIsListedAndRefusedForReplayWithAReason() {
        String id = redis.xadd(prefix + ":dead-letters", "entry", "1-0", "deliveries", "many", "reason", "written by hand");
        RedisDeadLetters letters = deadLetters();
        assertThat(letters.list(10)).singleElement().satisfies(letter -> assertThat(letter.deliveries()).isEqualTo(-1));
        assertThatThrownBy(() -> letters.replay(id)).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(NoSuchDeadLetterException.class).hasMessageContaining("names no service or envelope");
        assertThatThrownBy(() -> letters.replay("1-1")).isInstanceOf(NoSuchDeadLetterException.class);
    }

    @Test
    void aDeadLetterPurgedWhileItIsBeingReplayedIsNotSentToItsService() {
        String envelope = "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":1,\"b\":2},\"id\":\"raced\"}";
        redis.xadd(prefix + ":dead-letters", "service", "arith", "entry", "1-0", "envelope", envelope, "reply-to", replies("ops"),
                "deliveries", "6", "consumer", "arith:gone", "reason", "delivery limit exceeded");
        RedisDeadLetters letters = deadLetters();
        RedisDeadLetters.DeadLetter letter = letters.list(10).get(0);
        assertThat(letters.purge(letter.id())).isTrue();

        assertThatThrownBy(() -> letters.replay(letter)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dead letter " + letter.id()).hasMessageContaining("(replayed or purged meanwhile)");
        assertThat(redis.xlen(commands("arith"))).as("entries left in the command stream").isZero();
    }

    private ServerProcessHandle startServer(String instanceId, Duration claimIdle) throws Exception {
        ServerProcessHandle server = closeLater(ServerProcessHandle.start(redisTarget(), prefix, instanceId, claimIdle, MAX_DELIVERIES));
        await().atMost(Duration.ofSeconds(60)).until(() -> server.printed("READY") || !server.isAlive());
        return server;
    }
}
