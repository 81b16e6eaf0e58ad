package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.client.ClientOptions;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.fixtures.Notifications;
import io.clamator.fixtures.RefusingMetrics;
import io.clamator.metrics.ClamatorMetrics;
import io.clamator.server.ServerOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Where connections come from, and who closes them. */
class RedisConnectionTest extends RedisTestSupport {

    private long connectedClients() {
        return redis.clientList().lines().count();
    }

    @Test
    void anUnreachableRedisFailsStartNamingTheUriWithoutThePassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "redis://app:s3cret@127.0.0.1:" + closedPort;
        RedisRpcServer server = RedisRpcServer.builder().keyPrefix(prefix).redisUri(url).build();
        server.register(Arith.class, new ArithService());
        assertThatThrownBy(server::start)
                .isInstanceOfSatisfying(RedisUnavailableException.class, e -> {
                    assertThat(e.redisUri()).contains("127.0.0.1:" + closedPort).doesNotContain("s3cret");
                    assertThat(e.getMessage()).startsWith("cannot connect to Redis at ").doesNotContain("s3cret");
                });
        assertThat(server.isRunning()).isFalse();
        RedisRpcClient client = RedisRpcClient.builder().keyPrefix(prefix).redisUri(RedisURI.create(url), "orders.yaml").build();
        assertThatThrownBy(client::start).isInstanceOfSatisfying(RedisUnavailableException.class, e -> {
            assertThat(e.origin()).isEqualTo("orders.yaml");
            assertThat(e.getMessage()).contains("127.0.0.1:" + closedPort + " (from orders.yaml): ");
        });
        assertThat(client.toString()).as("named as in the startup line").contains("127.0.0.1:" + closedPort + " (from orders.yaml)");
    }

    @Test
    void anInjectedClientIsNeverShutDownByTheTransport() {
        RedisClient injected = RedisClient.create(redisServer.url());
        try {
            RedisRpcServer server = RedisRpcServer.builder().keyPrefix(prefix).redisClient(injected).build();
            server.register(Arith.class, new ArithService());
            server.start();
            RedisRpcClient client = RedisRpcClient.builder().keyPrefix(prefix).redisClient(injected).build();
            client.start();
            assertThat(client.proxy(Arith.class).add(new Arith.AddParams(1, 2)).sum()).isEqualTo(3);
            client.stop();
            server.stop();
            try (var connection = injected.connect()) {
                assertThat(connection.sync().ping()).isEqualTo("PONG");
            }
        } finally {
            injected.shutdown();
        }
    }

    @Test
    void aStartThatFailsOnItsMetricsClosesWhatItOpened() {
        long before = connectedClients();
        ClamatorMetrics recorded = ClamatorMetrics.of(new SimpleMeterRegistry());
        RedisRpcServer server = serverBuilder()
                .options(ServerOptions.builder().metrics(new RefusingMetrics(recorded, "watchStream", "notifications")).build()).build();
        server.register(Arith.class, new ArithService());
        server.register(Notifications.class, params -> { });
        assertThatThrownBy(server::start).hasMessage("metrics broken");
        RedisRpcClient client = clientBuilder()
                .options(ClientOptions.defaults().withMetrics(new RefusingMetrics(recorded, "watchCalls", null))).build();
        assertThatThrownBy(client::start).hasMessage("metrics broken");

        assertThat(server.isRunning()).isFalse();
        assertThat(client.isRunning()).isFalse();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(connectedClients()).isEqualTo(before));
    }

    @Test
    void ownedConnectionsAreClosedAtStop() {
        long before = connectedClients();
        RedisRpcServer server = serverBuilder().build();
        server.register(Arith.class, new ArithService());
        server.start();
        RedisRpcClient client = clientBuilder().build();
        client.start();
        client.proxy(Arith.class).add(new Arith.AddParams(1, 1));
        assertThat(connectedClients()).as("a command and a reader connection each, one reader per service")
                .isEqualTo(before + 4);
        client.stop();
        server.stop();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(connectedClients()).isEqualTo(before));
    }

    @Test
    void onceEveryServerAndClientHasStoppedNoThreadOfTheirsIsLeft() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        RedisRpcServer server = serverBuilder().build();
        server.register(Arith.class, new ArithService());
        server.start();
        RedisRpcClient client = clientBuilder().defaultTimeout(java.time.Duration.ofMillis(300)).build();
        client.start();
        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
        assertThatThrownBy(() -> client.call("nobody", "home", null, Object.class)).as("a call timed out by the timer")
                .isInstanceOf(io.clamator.protocol.ClamatorTimeoutException.class);
        assertThat(startedThreads(before)).as("the transport runs threads while it serves").isNotEmpty();
        client.stop();
        server.stop();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(startedThreads(before)).isEmpty());
    }

    private static List<String> startedThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> name.startsWith("clamator-") || name.startsWith("lettuce-"))
                .sorted()
                .toList();
    }
}
