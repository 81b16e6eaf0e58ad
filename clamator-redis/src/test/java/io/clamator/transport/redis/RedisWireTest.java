package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.fixtures.Notifications;
import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The exact Redis wire: keys, groups, consumers, entry fields and their order, acknowledgement timing. */
class RedisWireTest extends RedisTestSupport {

    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private final ArithService arith = new ArithService();

    /** Keeps handled entries, so that the test can read what the client wrote. */
    private RedisRpcServer startedArithServer(String instanceId) {
        RedisRpcServer server = closeLater(serverBuilder().instanceId(instanceId).keepHandledEntries(true).build());
        server.register(Arith.class, arith);
        server.start();
        return server;
    }

    @Test
    void requestAndReplyEntriesHaveTheExactFieldsInOrder() {
        startedArithServer("srv-A");
        RedisRpcClient client = closeLater(clientBuilder().instanceId("cli-1").build());
        client.start();
        assertThat(client.replyStream()).isEqualTo(prefix + ":replies:cli-1");

        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(2, 3)).sum()).isEqualTo(5);

        List<List<Object>> requests = xrange(commands("arith"));
        assertThat(requests).hasSize(1);
        List<String> requestFields = fields(requests.get(0));
        assertThat(requestFields).as("upstream's fields, then the call's timeout").hasSize(8);
        assertThat(requestFields.get(0)).isEqualTo("type");
        assertThat(requestFields.get(1)).isEqualTo("rpc");
        assertThat(requestFields.get(2)).isEqualTo("envelope");
        assertThat(requestFields.get(3)).matches("\\{\"jsonrpc\":\"2\\.0\",\"method\":\"arith\\.add\",\"params\":\\{\"a\":2\\.0,\"b\":3\\.0},\"id\":\"" + UUID_V4 + "\"}");
        assertThat(requestFields.get(4)).isEqualTo("reply-to");
        assertThat(requestFields.get(5)).isEqualTo(prefix + ":replies:cli-1");
        assertThat(requestFields.get(6)).isEqualTo("timeout-ms");
        assertThat(requestFields.get(7)).isEqualTo("30000");

        List<List<Object>> replies = xrange(replies("cli-1"));
        assertThat(replies).hasSize(1);
        String id = requestFields.get(3).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(fields(replies.get(0))).containsExactly("type", "rpc", "envelope",
                "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"sum\":5.0}}");
    }

    @Test
    void notificationEntriesHaveNoReplyTo() {
        ConcurrentLinkedQueue<String> tags = new ConcurrentLinkedQueue<>();
        RedisRpcServer server = closeLater(serverBuilder().keepHandledEntries(true).build());
        server.register(Notifications.class, params -> tags.add(params.tag()));
        server.start();
        startedClient().proxy(Notifications.class).ping(new Notifications.Ping("x"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(tags).containsExactly("x"));
        assertThat(fields(xrange(commands("notifications")).get(0))).containsExactly("type", "rpc", "envelope",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications.ping\",\"params\":{\"tag\":\"x\"}}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(redis.xpending(commands("notifications"), "notifications").getCount()).isZero());
    }

    @Test
    void handledEntriesAreDeletedWithTheirAcknowledgement() {
        ConcurrentLinkedQueue<String> tags = new ConcurrentLinkedQueue<>();
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, arith);
        server.register(Notifications.class, params -> tags.add(params.tag()));
        server.start();
        RedisRpcClient client = startedClient();
        for (int i = 0; i < 50; i++) {
            assertThat(client.proxy(Arith.class).add(new Arith.AddParams(i, 1)).sum()).isEqualTo(i + 1);
        }
        client.proxy(Notifications.class).ping(new Notifications.Ping("x"));
        redis.xadd(commands("arith"), "type", "rpc", "envelope", "not json", "reply-to", replies("poisoner"));
        redis.xadd(commands("arith"), "type", "rpc");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(tags).containsExactly("x");
            assertThat(redis.xlen(commands("arith"))).isZero();
            assertThat(redis.xlen(commands("notifications"))).isZero();
        });
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero();
        assertThat(redis.xinfoGroups(commands("arith"))).as("the stream and its group stay").hasSize(1);
    }

    @Test
    void keptEntriesStayAcknowledgedInTheirStream() {
        startedArithServer("srv-A");
        Arith proxy = startedClient().proxy(Arith.class);
        for (int i = 0; i < 5; i++) {
            proxy.add(new Arith.AddParams(i, 1));
        }
        assertThat(redis.xlen(commands("arith"))).isEqualTo(5);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero());
    }

    @Test
    void createsTheGroupAndConsumerUnderTheirWireNames() {
        RedisRpcServer server = startedArithServer("srv-A");
        assertThat(server.instanceId()).isEqualTo("srv-A");
        assertThat(server.keyPrefix()).isEqualTo(prefix);
        startedClient().proxy(Arith.class).add(new Arith.AddParams(1, 1));
        List<Object> groups = redis.xinfoGroups(commands("arith"));
        assertThat(groups).hasSize(1);
        assertThat(asMap(groups.get(0))).containsEntry("name", "arith").containsEntry("pending", 0L);
        List<Object> consumers = redis.xinfoConsumers(commands("arith"), "arith");
        assertThat(consumers).extracting(consumer -> asMap(consumer).get("name")).containsExactly("arith:srv-A");
    }

    @Test
    void aRandomUuidIsTheDefaultInstanceId() {
        assertThat(serverBuilder().build().instanceId()).matches(UUID_V4);
        assertThat(clientBuilder().build().instanceId()).matches(UUID_V4);
    }

    @Test
    void aNewGroupStartsAtTheEndAndAnExistingGroupKeepsItsPosition() {
        String early = redis.xadd(commands("arith"), Map.of("type", "rpc", "envelope",
                "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":1,\"b\":1},\"id\":\"early\",\"x\":0}",
                "reply-to", replies("hand")));
        RedisRpcServer first = startedArithServer("srv-A");
        RedisRpcClient client = startedClient();
        client.proxy(Arith.class).add(new Arith.AddParams(1, 2));
        assertThat(arith.handled).as("the entry written before the group existed is never delivered").hasValue(1);
        assertThat(early).isNotNull();

        first.stop();
        redis.xadd(commands("arith"), "type", "rpc", "envelope",
                "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":20,\"b\":22},\"id\":\"queued\"}",
                "reply-to", replies("hand"));
        startedArithServer("srv-B");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(xrange(replies("hand"))).hasSize(1));
        assertThat(value(xrange(replies("hand")).get(0), "envelope")).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"queued\",\"result\":{\"sum\":42.0}}");
    }

    @Test
    void aSecondServerJoinsTheExistingGroup() {
        startedArithServer("srv-A");
        startedArithServer("srv-B");
        assertThat(redis.xinfoGroups(commands("arith"))).hasSize(1);
        assertThat(startedClient().proxy(Arith.class).add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
    }

    @Test
    void anEntryIsAcknowledgedOnlyAfterItsHandlerFinished() {
        startedArithServer("srv-A");
        RedisRpcClient client = startedClient();
        CompletableFuture<Arith.AddResult> slow = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(1, 2, 1500), Arith.AddResult.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> arith.handled.get() == 1);
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).as("pending while the handler runs").isEqualTo(1);
        assertThat(slow).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(new Arith.AddResult(3));
        assertThat(redis.xpending(commands("arith"), "arith").getCount()).as("acknowledged once replied").isZero();
    }

    @Test
    void answersAnEntryWrittenTheWayThePythonClientWritesIt() {
        startedArithServer("srv-A");
        String replyTo = replies("py-client");
        String pythonEnvelope = "{\"jsonrpc\": \"2.0\", \"method\": \"arith.echoText\", \"params\": {\"text\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\"\"}, \"id\": \"5d0e4c1a-7a3b-4f7e-9a4c-2b9d3c1e0f11\"}";
        redis.xadd(commands("arith"), "type", "rpc", "envelope", pythonEnvelope, "reply-to", replyTo);
        String pythonAdd = "{\"jsonrpc\": \"2.0\", \"method\": \"arith.add\", \"params\": {\"a\": 2.0, \"b\": 3.0}, \"id\": \"9b7d2f0e-1c2a-4e3b-8f6d-0a1b2c3d4e5f\"}";
        redis.xadd(commands("arith"), "type", "rpc", "envelope", pythonAdd, "reply-to", replyTo);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(xrange(replyTo)).hasSize(2));
        List<List<Object>> replies = xrange(replyTo);
        assertThat(fields(replies.get(0))).containsExactly("type", "rpc", "envelope",
                "{\"jsonrpc\":\"2.0\",\"id\":\"5d0e4c1a-7a3b-4f7e-9a4c-2b9d3c1e0f11\",\"result\":{\"text\":\"caf\u00e9 \ud83d\ude00 \\\"q\\\"\"}}");
        assertThat(fields(replies.get(1))).containsExactly("type", "rpc", "envelope",
                "{\"jsonrpc\":\"2.0\",\"id\":\"9b7d2f0e-1c2a-4e3b-8f6d-0a1b2c3d4e5f\",\"result\":{\"sum\":5.0}}");
    }

    @Test
    void acceptsAReplyWrittenTheWayThePythonServerWritesIt() throws Exception {
        RedisRpcClient client = startedClient();
        CompletableFuture<Arith.AddResult> call = client.callAsync("arith", "add", new Arith.AddParams(2, 3), Arith.AddResult.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> redis.xlen(commands("arith")) == 1);
        redis.xgroupCreate(XReadArgs.StreamOffset.from(commands("arith"), "0-0"), "arith");
        List<StreamMessage<String, String>> read = redis.xreadgroup(Consumer.from("arith", "arith:py-server"),
                XReadArgs.StreamOffset.lastConsumed(commands("arith")));
        Map<String, String> body = read.get(0).getBody();
        String id = body.get("envelope").replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        redis.xadd(body.get("reply-to"), "type", "rpc", "envelope", "{\"jsonrpc\": \"2.0\", \"id\": \"" + id + "\", \"result\": {\"sum\": 5.0}}");
        assertThat(call.get(20, TimeUnit.SECONDS)).isEqualTo(new Arith.AddResult(5));
    }

    @Test
    void replyStreamsAreCappedApproximately() {
        RedisRpcServer server = closeLater(serverBuilder().replyStreamMaxLen(10).build());
        server.register(Arith.class, arith);
        server.start();
        RedisRpcClient client = closeLater(clientBuilder().instanceId("capped").build());
        client.start();
        Arith proxy = client.proxy(Arith.class);
        for (int i = 0; i < 300; i++) {
            assertThat(proxy.add(new Arith.AddParams(i, 0)).sum()).isEqualTo(i);
        }
        assertThat(redis.xlen(replies("capped"))).isLessThan(300);
    }

    @Test
    void theClientReadsItsReplyStreamFromTheStartAndAtStopEmptiesItAndLeavesItToExpire() {
        startedArithServer("srv-A");
        String stream = replies("early-bird");
        redis.xadd(stream, "type", "rpc", "envelope", "{\"jsonrpc\":\"2.0\",\"id\":\"stale\",\"result\":1}");
        RedisRpcClient client = closeLater(clientBuilder().instanceId("early-bird").replyStreamTtl(Duration.ofSeconds(40)).build());
        client.start();
        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
        client.stop();
        assertThat(redis.xlen(stream)).isZero();
        assertThat(redis.pttl(stream)).isBetween(1L, 40_000L);

        redis.xadd(stream, "type", "rpc", "envelope", "{\"jsonrpc\":\"2.0\",\"id\":\"late\",\"result\":1}");
        assertThat(redis.pttl(stream)).as("a late reply from a server that sets no time to live keeps the stream's").isPositive();
    }

    @Test
    void repliesAndAcknowledgementsDoNotWaitBehindABlockingRead() {
        Duration longBlock = Duration.ofSeconds(30);
        RedisRpcServer server = closeLater(serverBuilder().blockTime(longBlock).build());
        server.register(Arith.class, arith);
        server.register(Notifications.class, params -> { });
        server.start();
        RedisRpcClient client = closeLater(clientBuilder().blockTime(longBlock).build());
        client.start();
        CountDownLatch answered = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            client.callAsync("arith", "add", new Arith.AddParams(i, i), Arith.AddResult.class).thenRun(answered::countDown);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> answered.getCount() == 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero());
    }

    @Test
    void eachReplyAndItsAcknowledgementGoOutAsOneScriptCall() {
        startedArithServer("srv-A");
        Arith proxy = startedClient().proxy(Arith.class);
        proxy.add(new Arith.AddParams(0, 0));
        redis.configResetstat();
        for (int i = 0; i < 5; i++) {
            proxy.add(new Arith.AddParams(i, i));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero());
        String stats = redis.info("commandstats");
        assertThat(callsOf(stats, "evalsha") + callsOf(stats, "eval")).as("one script call per reply").isEqualTo(5);
        assertThat(callsOf(stats, "xack")).as("every acknowledgement made inside the script").isEqualTo(5);
    }

    private static long callsOf(String commandStats, String command) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(?m)^cmdstat_" + command + ":calls=(\\d+)").matcher(commandStats);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object flat) {
        List<Object> items = (List<Object>) flat;
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            map.put(String.valueOf(items.get(i)), items.get(i + 1));
        }
        return map;
    }
}
