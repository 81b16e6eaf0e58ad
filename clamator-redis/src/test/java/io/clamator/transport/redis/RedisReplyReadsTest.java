package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.client.ClientOptions;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.HeldArithService;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.server.ServerOptions;
import io.lettuce.core.Range;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A client's reply reads are bounded: what one read brings follows the largest reply the client accepts. */
class RedisReplyReadsTest extends RedisTestSupport {

    @Test
    void oneReadTakesAsManyRepliesAsFitItsBudgetOfLargestReplies() {
        assertThat(ReplyListener.readCount(ClientOptions.DEFAULT_MAX_PAYLOAD_BYTES)).isEqualTo(64);
        assertThat(ReplyListener.readCount(32 * 1024 * 1024)).isEqualTo(2);
        assertThat(ReplyListener.readCount(Integer.MAX_VALUE)).as("at least one").isEqualTo(1);
        assertThat(ReplyListener.readCount(100)).as("at most 256").isEqualTo(ReplyListener.MAX_READ_COUNT);
    }

    @Test
    void aReplyThatIsNotAValidEnvelopeFailsItsCallAtOnceInsteadOfLeavingItToTimeOut() {
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofMinutes(5)).build());
        client.start();
        CompletableFuture<Arith.AddResult> call = client.callAsync("ghost", "add", new Arith.AddParams(1, 2), Arith.AddResult.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> redis.xlen(commands("ghost")) == 1);
        String envelope = redis.xrange(commands("ghost"), Range.create("-", "+")).get(0).getBody().get("envelope");
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(envelope);
        assertThat(id.find()).isTrue();

        redis.xadd(client.replyStream(), "type", "rpc", "envelope", "{\"jsonrpc\":\"2.0\",\"id\":\"" + id.group(1) + "\",\"result\":");

        assertThat(call).failsWithin(Duration.ofSeconds(20)).withThrowableThat().havingCause().isInstanceOf(ClamatorProtocolException.class)
                .withMessageStartingWith("unreadable reply (").withMessageEndingWith(" for ghost.add");
        assertThat(client.describe().callsInFlight()).isZero();
    }

    @Test
    void repliesLandingTogetherAreReadAFewAtATimeAndEveryCallIsAnswered() throws IOException {
        HeldArithService arith = new HeldArithService();
        RedisRpcServer server = closeLater(serverBuilder().options(ServerOptions.builder().concurrency("arith", 10).build()).build());
        server.register(Arith.class, arith);
        server.start();
        RedisRpcClient client = closeLater(clientBuilder().instanceId("cli-reads")
                .options(ClientOptions.defaults().withMaxPayloadBytes(32 * 1024 * 1024)).build());
        try (RedisMonitor monitor = new RedisMonitor(redisServer.host(), redisServer.port())) {
            client.start();
            List<CompletableFuture<Arith.AddResult>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(i, 1, 0), Arith.AddResult.class));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> redis.xpending(commands("arith"), "arith").getCount() == 10);
            arith.release();
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
            for (int i = 0; i < 10; i++) {
                assertThat(calls.get(i).join().sum()).isEqualTo(i + 1);
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(monitor.commandsOn(client.replyStream())).filteredOn(command -> command.startsWith("\"XREAD\" \"BLOCK\""))
                            .isNotEmpty().allSatisfy(command -> assertThat(command).contains("\"COUNT\" \"2\"")));
        }
    }
}
