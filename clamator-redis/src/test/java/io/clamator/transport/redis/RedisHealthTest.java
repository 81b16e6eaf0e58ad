package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.HeldArithService;
import io.clamator.health.ClamatorHealth;
import io.clamator.health.ClamatorHealth.Status;
import io.clamator.server.ServerOptions;
import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health a Redis server and client report: up, down while Redis is away (naming the part), out of service while draining. */
class RedisHealthTest extends RedisTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestRedisServer ownRedis = TestRedis.startDedicated();
    private final HeldArithService arith = new HeldArithService();

    @Override
    protected TestRedisServer redisServer() {
        toClose.add(ownRedis);
        return ownRedis;
    }

    @AfterEach
    void releaseHandlers() {
        arith.release();
    }

    private RedisRpcServer startedServer(ServerOptions options) {
        RedisRpcServer server = closeLater(serverBuilder().options(options).build());
        server.register(Arith.class, arith);
        server.start();
        return server;
    }

    @Test
    void upWhileRunningDownNamingThePartWhileRedisIsAwayAndUpAgainAfter() {
        RedisRpcServer server = startedServer(ServerOptions.defaults());
        RedisRpcClient client = startedClient();
        assertThat(server.health().status()).isEqualTo(Status.UP);
        assertThat(server.health().details()).containsKeys("command connection", "service arith");
        assertThat(client.health().status()).isEqualTo(Status.UP);

        ownRedis.stop();
        await().atMost(WAIT).until(() -> server.health().status() == Status.DOWN && client.health().status() == Status.DOWN);
        assertThat(part(server.health(), "service arith")).containsEntry("status", "DOWN")
                .hasEntrySatisfying("consumer loop", problem -> assertThat(problem.toString()).startsWith("Redis unavailable for"));
        assertThat(client.health().details()).containsKey("reply loop");

        ownRedis.start();
        await().atMost(WAIT).until(() -> server.health().status() == Status.UP && client.health().status() == Status.UP);
    }

    @Test
    void outOfServiceWhileDrainingThenDown() {
        RedisRpcServer server = startedServer(ServerOptions.builder().shutdownGrace(Duration.ofMinutes(1)).build());
        RedisRpcClient client = startedClient();
        client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(1, 2, 0), Arith.AddResult.class);
        await().atMost(WAIT).until(() -> redis.xpending(prefix + ":cmds:arith", "arith").getCount() == 1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        await().atMost(WAIT).until(() -> server.health().status() == Status.OUT_OF_SERVICE);
        assertThat(server.health().details()).containsEntry("state", "stopping: waiting for the handlers in flight");

        arith.release();
        stopping.join();
        assertThat(server.health().status()).isEqualTo(Status.DOWN);
        assertThat(server.health().details()).containsEntry("state", "stopped");
    }

    @Test
    void downBeforeStart() {
        RedisRpcServer server = closeLater(serverBuilder().build());
        assertThat(server.health()).isEqualTo(ClamatorHealth.down(Map.of("state", "not started")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(ClamatorHealth health, String name) {
        return (Map<String, Object>) health.details().get(name);
    }
}
