package io.clamator.sample.docs.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clamator.sample.docs.RepositoryRoot;
import io.clamator.sample.docs.core.Arith;
import io.clamator.sample.docs.core.ArithService;
import io.clamator.test.redis.TestRedis;
import io.clamator.transport.redis.RedisRpcClient;
import io.clamator.transport.redis.RedisRpcServer;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The maintenance scripts of docs/operations.md (docs/scripts), against a real Redis and real servers. */
class OperationsScriptsTests {

    static final Path SCRIPTS = RepositoryRoot.find().resolve("docs/scripts");
    static final String REDIS_URL = TestRedis.shared().url();

    static RedisClient redis;
    static StatefulRedisConnection<String, String> connection;
    static RedisCommands<String, String> commands;

    final String prefix = "docs-ops-" + UUID.randomUUID();

    @BeforeAll
    static void connect() {
        assumeTrue(onPath("redis-cli") && onPath("bash"), "the scripts need bash and redis-cli");
        redis = RedisClient.create(REDIS_URL);
        connection = redis.connect();
        commands = connection.sync();
    }

    @AfterAll
    static void disconnect() {
        if (redis != null) {
            connection.close();
            redis.shutdown();
        }
    }

    @Test
    void trimsHandledEntriesAndKeepsPendingOnes() throws Exception {
        String stream = prefix + ":cmds:arith";
        RedisRpcServer server = server("first");
        RedisRpcServer again = null;
        RedisRpcClient client = client();
        try {
            for (int i = 0; i < 5; i++) {
                client.proxy(Arith.class).add(new Arith.AddParams(i, i));
            }
            assertThat(commands.xlen(stream)).isEqualTo(5);
            assertThat(run("trim-command-stream", prefix, "arith")).contains("removed 4 entries");
            assertThat(commands.xlen(stream)).as("the last delivered entry stays").isEqualTo(1);

            // an entry read by a consumer that never acknowledges it, then more calls
            server.stop();
            String stuck = commands.xadd(stream, Map.of("type", "rpc"));
            commands.xreadgroup(Consumer.from("arith", "arith:stuck"), XReadArgs.StreamOffset.lastConsumed(stream));
            again = server("again");
            for (int i = 0; i < 3; i++) {
                client.proxy(Arith.class).add(new Arith.AddParams(i, i));
            }
            run("trim-command-stream", prefix, "arith");
            List<StreamMessage<String, String>> left = commands.xrange(stream, io.lettuce.core.Range.create("-", "+"));
            assertThat(left.get(0).getId()).as("nothing from the oldest pending entry on is removed").isEqualTo(stuck);
            assertThat(left).hasSize(4);
            assertThat(run("trim-command-stream", prefix, "arith", "3600")).as("every entry is younger than an hour")
                    .contains("removed 0 entries");
            assertThat(commands.xlen(stream)).isEqualTo(4);
        } finally {
            client.stop();
            server.stop();
            if (again != null) {
                again.stop();
            }
            commands.del(stream);
        }
    }

    @Test
    void trimmingSaysWhyWhenThereIsNoGroupToTrimByOrTheKeyIsNotAStream() throws Exception {
        String stream = prefix + ":cmds:arith";
        try {
            commands.xadd(stream, Map.of("type", "rpc"));
            assertThat(runScript("trim-command-stream", prefix, "arith")).satisfies(ran -> {
                assertThat(ran.exitValue()).isEqualTo(1);
                assertThat(ran.output()).contains("no consumer group arith found");
            });
            commands.del(stream);
            commands.set(stream, "not a stream");
            assertThat(runScript("trim-command-stream", prefix, "arith")).satisfies(ran -> {
                assertThat(ran.exitValue()).isEqualTo(1);
                assertThat(ran.output()).contains("XPENDING failed: WRONGTYPE");
            });
        } finally {
            commands.del(stream);
        }
    }

    @Test
    void deletesConsumersOfServersThatAreGone() throws Exception {
        RedisRpcClient client = client();
        RedisRpcServer live = server("live");
        String stream = prefix + ":cmds:arith";
        // a consumer of an instance that crashed, or of a Python server (Java servers remove their own)
        commands.xgroupCreateconsumer(stream, Consumer.from("arith", "arith:gone"));
        await().atMost(Duration.ofSeconds(20)).until(() -> idleMillis(stream, "arith:gone") > 1000);
        try {
            client.proxy(Arith.class).add(new Arith.AddParams(2, 2));
            assertThat(consumers()).containsExactlyInAnyOrder("arith:gone", "arith:live");
            assertThat(run("delete-idle-consumers", prefix, "arith", "1")).contains("arith:gone");
            assertThat(consumers()).containsExactly("arith:live");
        } finally {
            client.stop();
            live.stop();
            commands.del(prefix + ":cmds:arith");
        }
    }

    @Test
    void listsReplaysAndPurgesDeadLetters() throws Exception {
        String deadLetters = prefix + ":dead-letters";
        String envelope = "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":1,\"b\":2},\"id\":\"dl-1\"}";
        RedisRpcServer server = server("live");
        RedisRpcClient client = client();
        String first = commands.xadd(deadLetters, Map.of("service", "arith", "entry", "1-0", "envelope", envelope,
                "reply-to", client.replyStream(), "deliveries", "6", "consumer", "arith:gone", "reason", "delivery limit exceeded"));
        String second = commands.xadd(deadLetters, Map.of("service", "arith", "entry", "2-0", "envelope", envelope,
                "reply-to", "", "deliveries", "6", "consumer", "arith:gone", "reason", "delivery limit exceeded"));
        try {
            assertThat(run("dead-letters", prefix, "list")).contains(first).contains(second).contains("delivery limit exceeded");
            assertThat(run("dead-letters", prefix, "replay", first)).contains("replayed " + first + " to " + prefix + ":cmds:arith");
            await().atMost(Duration.ofSeconds(20)).until(() -> commands.xlen(client.replyStream()) == 1);
            assertThat(run("dead-letters", prefix, "purge", second)).contains("removed 1 dead letter(s)");
            assertThat(commands.xlen(deadLetters)).isZero();

            String third = commands.xadd(deadLetters, Map.of("service", "arith", "entry", "3-0", "envelope", envelope,
                    "reply-to", client.replyStream(), "deliveries", "6", "consumer", "arith:gone", "reason", "delivery limit exceeded"));
            assertThat(DeadLetterReport.listThenReplay(REDIS_URL, prefix, third)).containsExactly("arith 6 " + envelope);
            await().atMost(Duration.ofSeconds(20)).until(() -> commands.xlen(client.replyStream()) == 2);
            assertThat(commands.xlen(deadLetters)).isZero();
        } finally {
            client.stop();
            server.stop();
            commands.del(prefix + ":cmds:arith", deadLetters);
        }
    }

    @Test
    void deletesReplyStreamsOfClientsThatAreGone() throws Exception {
        String stale = prefix + ":replies:crashed-client";
        commands.xadd(stale, new XAddArgs().id("1000-0"), Map.of("type", "rpc", "envelope", "{}"));
        RedisRpcServer server = server("live");
        RedisRpcClient client = client();
        try {
            client.proxy(Arith.class).add(new Arith.AddParams(1, 2));
            assertThat(run("delete-stale-reply-streams", prefix, "60")).contains("deleted " + stale);
            assertThat(commands.exists(stale)).isZero();
            assertThat(commands.exists(client.replyStream())).as("a live client's stream stays").isEqualTo(1);
        } finally {
            client.stop();
            server.stop();
            commands.del(prefix + ":cmds:arith");
        }
    }

    private long idleMillis(String stream, String consumer) {
        for (Object entry : commands.xinfoConsumers(stream, "arith")) {
            List<?> fields = (List<?>) entry;
            if (consumer.equals(String.valueOf(fields.get(1)))) {
                return Long.parseLong(String.valueOf(fields.get(5)));
            }
        }
        return -1;
    }

    /** A server that leaves handled entries in the stream, as Python and TypeScript servers do. */
    private RedisRpcServer server(String instanceId) {
        RedisRpcServer server = RedisRpcServer.builder().keyPrefix(prefix).redisUri(REDIS_URL).instanceId(instanceId)
                .blockTime(Duration.ofMillis(200)).keepHandledEntries(true).build();
        server.register(Arith.class, new ArithService());
        server.start();
        return server;
    }

    private RedisRpcClient client() {
        RedisRpcClient client = RedisRpcClient.builder().keyPrefix(prefix).redisUri(REDIS_URL).build();
        client.start();
        return client;
    }

    private List<String> consumers() {
        return commands.xinfoConsumers(prefix + ":cmds:arith", "arith").stream()
                .map(consumer -> String.valueOf(((List<?>) consumer).get(1)))
                .toList();
    }

    private static String run(String script, String... arguments) throws IOException, InterruptedException {
        Ran ran = runScript(script, arguments);
        assertThat(ran.exitValue()).as(script + " failed:\n" + ran.output()).isZero();
        return ran.output();
    }

    private record Ran(int exitValue, String output) {
    }

    private static Ran runScript(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of("bash", SCRIPTS.resolve(script).toString()), Stream.of(arguments)).toList();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("REDIS_CLI", "redis-cli -u " + REDIS_URL);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Ran(process.exitValue(), output);
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, executable)));
    }
}
