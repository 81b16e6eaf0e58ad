package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.client.ClientOptions;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.HeldArithService;
import io.clamator.metrics.ClamatorMeters;
import io.clamator.metrics.ClamatorMetrics;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.RpcException;
import io.clamator.server.ServerOptions;
import io.lettuce.core.Consumer;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters a Redis server and client record, read from a real Redis and a Micrometer registry. */
class RedisMetricsTest extends RedisTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ADD = "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"arith.add\",\"params\":{\"a\":1,\"b\":2}}";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ClamatorMetrics metrics = ClamatorMetrics.of(registry);
    private final HeldArithService arith = new HeldArithService();

    @AfterEach
    void releaseHandlers() {
        arith.release();
    }

    private RedisRpcServer startedServer(RedisRpcServer.Builder builder, ServerOptions.Builder options) {
        RedisRpcServer server = closeLater(builder.options(options.metrics(metrics).build())
                .streamMetricsInterval(Duration.ofMillis(100)).build());
        server.register(Arith.class, arith);
        server.start();
        return server;
    }

    private RequiredSearch meter(String name) {
        return registry.get(name).tag(ClamatorMeters.KEY_PREFIX, prefix);
    }

    private double gauge(String name) {
        return meter(name).tag(ClamatorMeters.SERVICE, "arith").gauge().value();
    }

    private double counter(String name) {
        return meter(name).tag(ClamatorMeters.SERVICE, "arith").counter().count();
    }

    @Test
    void handlersQueuedEntriesAndTheStreamFiguresFollowTheCallsWaiting() {
        RedisRpcServer server = startedServer(serverBuilder().prefetch(2), ServerOptions.builder().concurrency(1));
        RedisRpcClient client = closeLater(clientBuilder().options(ClientOptions.defaults().withMetrics(metrics)).build());
        client.start();
        for (int i = 0; i < 5; i++) {
            client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(i, 1, 0), Arith.AddResult.class);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(gauge(ClamatorMeters.HANDLERS_ACTIVE)).isEqualTo(1);
            assertThat(gauge(ClamatorMeters.ENTRIES_QUEUED)).as("the prefetched entries").isEqualTo(2);
            assertThat(gauge(ClamatorMeters.STREAM_LENGTH)).isEqualTo(5);
            assertThat(gauge(ClamatorMeters.STREAM_PENDING)).as("running and prefetched").isEqualTo(3);
            assertThat(gauge(ClamatorMeters.STREAM_LAG)).as("left in the stream for any server").isEqualTo(2);
            assertThat(gauge(ClamatorMeters.STREAM_OLDEST_PENDING_AGE)).isPositive();
            assertThat(meter(ClamatorMeters.CLIENT_CALLS_ACTIVE).gauge().value()).isEqualTo(5);
        });
        assertThat(meter(ClamatorMeters.STREAM_OLDEST_PENDING_AGE).gauge().getId().getBaseUnit()).isEqualTo("seconds");

        arith.release();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(gauge(ClamatorMeters.HANDLERS_ACTIVE)).isZero();
            assertThat(gauge(ClamatorMeters.ENTRIES_QUEUED)).isZero();
            assertThat(gauge(ClamatorMeters.STREAM_LENGTH)).as("handled entries are deleted").isZero();
            assertThat(gauge(ClamatorMeters.STREAM_PENDING)).isZero();
            assertThat(gauge(ClamatorMeters.STREAM_LAG)).isZero();
            assertThat(gauge(ClamatorMeters.STREAM_OLDEST_PENDING_AGE)).isZero();
            assertThat(meter(ClamatorMeters.CLIENT_CALLS_ACTIVE).gauge().value()).isZero();
        });

        server.stop();
        client.stop();
        assertThat(gauge(ClamatorMeters.HANDLERS_ACTIVE)).as("nothing watched any more").isNaN();
        assertThat(gauge(ClamatorMeters.STREAM_LENGTH)).isNaN();
        assertThat(meter(ClamatorMeters.CLIENT_CALLS_ACTIVE).gauge().value()).isNaN();
    }

    @Test
    void theLagIsCountedWhereRedisCountersSayOtherwise() {
        String stream = commands("arith");
        List<String> ids = List.of(redis.xadd(stream, "n", "1"), redis.xadd(stream, "n", "2"), redis.xadd(stream, "n", "3"));
        redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0-0"), "arith");
        StatefulRedisConnection<String, byte[]> connection = closeLater(redisClient().connect(RedisConnector.CODEC));
        StreamInspection inspection = new StreamInspection(connection.async());

        setGroupIdWithWrongCounter(stream, ids.get(2));
        if (countsEntriesRead()) {
            assertThat(groupLag(stream)).as("what Redis says with everything delivered").isEqualTo(3L);
        }
        assertThat(inspection.inspect(stream, "arith", false).toCompletableFuture().join().figures().lag()).isZero();

        setGroupIdWithWrongCounter(stream, ids.get(0));
        assertThat(inspection.inspect(stream, "arith", false).toCompletableFuture().join().figures().lag()).isEqualTo(2);
    }

    @Test
    void aBacklogOfLargeEntriesIsEstimatedWithoutHandingEveryEntryToTheScript() throws Exception {
        String stream = commands("arith");
        redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0-0"), "arith", XGroupCreateArgs.Builder.mkstream());
        String large = "x".repeat(64 * 1024);
        for (int i = 0; i < 20; i++) {
            redis.xadd(stream, Map.of("type", "rpc", "envelope", large));
        }
        StatefulRedisConnection<String, byte[]> connection = closeLater(redisClient().connect(RedisConnector.CODEC));
        StreamInspection inspection = new StreamInspection(connection.async());
        try (RedisMonitor monitor = new RedisMonitor(redisServer.host(), redisServer.port())) {
            assertThat(inspection.inspect(stream, "arith", false).toCompletableFuture().join().figures().lag())
                    .as("estimated past the byte budget: Redis's lag, or the length less the pending entries").isEqualTo(20);
            await().atMost(WAIT).untilAsserted(() -> assertThat(xrangeCounts(monitor, stream))
                    .as("pages of 1 and 2, then 1 (what the budget left fits): 256 KiB counted; then one more entry looked for")
                    .containsExactly(1, 2, 1, 1));
        }

        redis.xreadgroup(Consumer.from("arith", "arith:one"), XReadArgs.Builder.count(16), XReadArgs.StreamOffset.lastConsumed(stream));
        assertThat(inspection.inspect(stream, "arith", false).toCompletableFuture().join().figures().lag())
                .as("four large entries left: the budget is spent on them, and no fifth is found: exact").isEqualTo(4);

        redis.xadd(stream, Map.of("type", "rpc", "envelope", "small"));
        redis.xreadgroup(Consumer.from("arith", "arith:one"), XReadArgs.Builder.count(4), XReadArgs.StreamOffset.lastConsumed(stream));
        assertThat(inspection.inspect(stream, "arith", false).toCompletableFuture().join().figures().lag())
                .as("a short backlog is counted exactly").isEqualTo(1);
    }

    /** The COUNT of every XRANGE a script ran on the stream, in order. */
    private static List<Integer> xrangeCounts(RedisMonitor monitor, String stream) {
        return monitor.commandsOn(stream).stream().filter(command -> command.startsWith("\"XRANGE\""))
                .map(command -> Integer.parseInt(command.replaceAll(".*\"COUNT\" \"(\\d+)\".*", "$1"))).toList();
    }

    @Test
    void handlerAndClientTimeoutsAreCounted() {
        startedServer(serverBuilder(), ServerOptions.builder().handlerTimeout(Duration.ofMillis(200)));
        RedisRpcClient client = closeLater(clientBuilder().options(ClientOptions.defaults().withMetrics(metrics)).build());
        client.start();

        assertThatThrownBy(() -> client.call("arith", "slowAdd", new Arith.SlowAddParams(1, 2, 0), Arith.AddResult.class))
                .isInstanceOf(RpcException.class);
        assertThat(counter(ClamatorMeters.HANDLER_TIMEOUTS)).isEqualTo(1);

        assertThatThrownBy(() -> client.call("nobody", "add", Map.of(), Object.class, Duration.ofMillis(200)))
                .isInstanceOf(ClamatorTimeoutException.class);
        assertThat(meter(ClamatorMeters.CLIENT_TIMEOUTS).tag(ClamatorMeters.SERVICE, "nobody").counter().count()).isEqualTo(1);
    }

    @Test
    void reclaimedPoisonAndDeadLetteredEntriesAreCounted() {
        String stream = commands("arith");
        redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0-0"), "arith", XGroupCreateArgs.Builder.mkstream());
        redis.xadd(stream, Map.of("type", "rpc", "envelope", ADD));
        String overDelivered = redis.xadd(stream, Map.of("type", "rpc", "envelope", ADD));
        redis.xreadgroup(Consumer.from("arith", "arith:gone"), XReadArgs.StreamOffset.lastConsumed(stream));
        redis.xclaim(stream, Consumer.from("arith", "arith:gone"), 0, overDelivered);
        redis.xadd(stream, Map.of("type", "rpc"));

        startedServer(serverBuilder().claimIdle(Duration.ofSeconds(1)).maxDeliveries(2), ServerOptions.builder());
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(counter(ClamatorMeters.ENTRIES_RECLAIMED)).isEqualTo(1);
            assertThat(counter(ClamatorMeters.DEAD_LETTERS)).isEqualTo(1);
            assertThat(counter(ClamatorMeters.ENTRIES_POISON)).isEqualTo(1);
        });
        assertThat(counter(ClamatorMeters.REPLY_FAILURES)).isZero();
        assertThat(registry.getMeters()).extracting(Meter::getId).allSatisfy(id ->
                assertThat(id.getTags()).extracting(tag -> tag.getKey()).isSubsetOf(ClamatorMeters.SERVICE, ClamatorMeters.KEY_PREFIX));
    }

    /** Whether Redis keeps the counters its lag is derived from (7.0 and later). */
    private boolean countsEntriesRead() {
        return !redisServer.version().startsWith("6.");
    }

    /**
     * Moves the group's last delivered id, telling Redis (7.0 and later) that nothing was read, as
     * its counters can be after a reload.
     */
    private void setGroupIdWithWrongCounter(String stream, String lastDeliveredId) {
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add("SETID").addKey(stream).add("arith").add(lastDeliveredId);
        if (countsEntriesRead()) {
            args.add("ENTRIESREAD").add(0);
        }
        redis.dispatch(CommandType.XGROUP, new StatusOutput<>(StringCodec.UTF8), args);
    }

    @SuppressWarnings("unchecked")
    private Long groupLag(String stream) {
        List<Object> group = (List<Object>) redis.xinfoGroups(stream).get(0);
        for (int i = 0; i < group.size(); i += 2) {
            if ("lag".equals(group.get(i))) {
                return (Long) group.get(i + 1);
            }
        }
        return null;
    }
}
