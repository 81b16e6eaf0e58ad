package io.clamator.sample.docs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.sample.docs.RepositoryRoot;
import io.clamator.sample.docs.core.Arith.AddParams;
import io.clamator.sample.docs.core.Arith.AddResult;
import io.clamator.metrics.ClamatorMeters;
import io.clamator.metrics.ClamatorMetrics;
import io.clamator.server.ServerOptions;
import io.clamator.test.redis.TestRedis;
import io.clamator.transport.redis.RedisRpcClient;
import io.clamator.transport.redis.RedisRpcServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Redis examples of docs/redis.md, against a real Redis. */
class RedisExamplesTests {

    static RedisClient admin;
    static StatefulRedisConnection<String, String> adminConnection;
    static final String redisUrl = TestRedis.shared().url();

    @BeforeAll
    static void connect() {
        admin = RedisClient.create(redisUrl);
        adminConnection = admin.connect();
    }

    @AfterAll
    static void disconnect() {
        adminConnection.sync().del("shop:cmds:arith");
        adminConnection.close();
        admin.shutdown();
    }

    @Test
    void aServerAndAClientOnOneKeyPrefix() {
        RedisRpcServer server = RedisRpcServer.builder()
                .keyPrefix("shop")                    // required
                .redisUri(redisUrl)                   // default: $REDIS_URL, else redis://localhost:6379
                .options(ServerOptions.builder()
                        .concurrency(4)               // handlers in flight per service (default 1)
                        .build())
                .build();
        server.register(Arith.class, new ArithService());
        server.start();

        RedisRpcClient client = RedisRpcClient.builder().keyPrefix("shop").redisUri(redisUrl).defaultTimeout(Duration.ofSeconds(5)).build();
        client.start();
        try {
            assertThat(client.proxy(Arith.class).add(new AddParams(2, 3))).isEqualTo(new AddResult(5));
            assertThat(adminConnection.sync().exists(client.replyStream())).isEqualTo(1);
        } finally {
            client.stop();
            server.stop();
        }
        assertThat(adminConnection.sync().xlen(client.replyStream())).as("emptied at stop").isZero();
        assertThat(adminConnection.sync().pttl(client.replyStream())).as("and left to expire").isPositive();
    }

    /** The ACL rule in docs/redis.md is enough for a server and a client. */
    @Test
    void theDocumentedAclRuleIsEnough() throws IOException {
        String rule = aclRuleFromTheDocs();
        String user = "docs-" + UUID.randomUUID();
        String prefix = "docs-acl-" + UUID.randomUUID();
        List<String> words = Arrays.asList(rule.replace("~shop:*", "~" + prefix + ":*").split("\\s+"));
        assertThat(words.subList(0, 3)).containsExactly("ACL", "SETUSER", "shop-app");
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add("SETUSER").add(user);
        words.subList(3, words.size()).forEach(args::add);
        adminConnection.sync().dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8), args);
        RedisURI uri = RedisURI.builder(RedisURI.create(redisUrl)).withAuthentication(user, passwordIn(words)).build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RedisRpcServer server = RedisRpcServer.builder().keyPrefix(prefix).redisUri(uri).claimIdle(Duration.ofSeconds(1))
                .streamMetricsInterval(Duration.ofMillis(200))
                .options(ServerOptions.builder().metrics(ClamatorMetrics.of(registry)).build()).build();
        ArithService service = new ArithService();
        server.register(Arith.class, service);
        server.start();
        RedisRpcClient client = RedisRpcClient.builder().keyPrefix(prefix).redisUri(uri).build();
        client.start();
        try {
            Arith arith = client.proxy(Arith.class);
            assertThat(arith.add(new AddParams(1, 1))).isEqualTo(new AddResult(2));
            arith.ping(new Arith.Ping("acl"));
            await().atMost(Duration.ofSeconds(5)).until(() -> service.pings.contains("acl"));
            await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true); // a reclaim pass ran
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> !Double.isNaN(registry.get(ClamatorMeters.STREAM_LAG).tag(ClamatorMeters.SERVICE, "arith").gauge().value()));
        } finally {
            client.stop();
            assertThat(adminConnection.sync().xlen(client.replyStream())).as("XTRIM is allowed").isZero();
            long stopping = System.nanoTime();
            server.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).as("CLIENT UNBLOCK is allowed").isLessThan(Duration.ofMillis(900));
            adminConnection.sync().del(prefix + ":cmds:arith");
            adminConnection.sync().dispatch(CommandType.ACL, new IntegerOutput<>(StringCodec.UTF8),
                    new CommandArgs<>(StringCodec.UTF8).add("DELUSER").add(user));
        }
    }

    private static String aclRuleFromTheDocs() throws IOException {
        return Files.readAllLines(RepositoryRoot.find().resolve("docs/redis.md")).stream()
                .map(String::trim)
                .filter(line -> line.startsWith("ACL SETUSER "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("docs/redis.md shows no ACL SETUSER line"));
    }

    private static String passwordIn(List<String> words) {
        return words.stream().filter(word -> word.startsWith(">")).findFirst().orElseThrow().substring(1);
    }
}
