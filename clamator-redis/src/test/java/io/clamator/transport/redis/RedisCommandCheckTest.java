package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.metrics.ClamatorMeters;
import io.clamator.metrics.ClamatorMetrics;
import io.clamator.health.ClamatorHealth;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.server.ServerOptions;
import io.clamator.testing.LogCapture;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server refuses to start on a Redis that will not run a command it needs, and names the command. */
class RedisCommandCheckTest extends RedisTestSupport {

    private final String user = "clamator-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void deleteUser() {
        redis.aclDeluser(user);
    }

    /** A server connecting as an ACL user that may run everything but {@code denied}. */
    private RedisRpcServer.Builder serverWithout(String denied) {
        allowAllBut(denied);
        return RedisRpcServer.builder().keyPrefix(prefix).redisUri(urlOfUser());
    }

    @Test
    void anAclWithoutXautoclaimFailsTheStartNamingTheCommand() {
        RedisRpcServer server = closeLater(serverWithout("XAUTOCLAIM").build());
        server.register(Arith.class, new ArithService());

        assertThatThrownBy(server::start).isInstanceOfSatisfying(RedisCommandRefusedException.class, refused -> {
            assertThat(refused.command()).isEqualTo("XAUTOCLAIM");
            assertThat(refused.reason()).isEqualTo(RedisCommandRefusedException.Reason.NOT_PERMITTED);
            assertThat(refused.redisVersion()).isNotBlank();
            assertThat(refused.getMessage()).contains("does not allow the clamator Redis server to run XAUTOCLAIM (NOPERM")
                    .contains("its ACL user needs XGROUP CREATE, XGROUP DELCONSUMER, XREADGROUP, XAUTOCLAIM");
        });
    }

    @Test
    void anAclWithoutXgroupFailsTheStartAtCreatingTheGroupNamingTheCommand() {
        RedisRpcServer server = closeLater(serverWithout("XGROUP").build());
        server.register(Arith.class, new ArithService());

        assertThatThrownBy(server::start).isInstanceOfSatisfying(RedisCommandRefusedException.class, refused -> {
            assertThat(refused.command()).isEqualTo("XGROUP CREATE");
            assertThat(refused.reason()).isEqualTo(RedisCommandRefusedException.Reason.NOT_PERMITTED);
        });
    }

    @Test
    void aClientWhoseAclLacksXreadFailsItsStartNamingTheCommand() {
        allowAllBut("XREAD");
        RedisRpcClient client = closeLater(RedisRpcClient.builder().keyPrefix(prefix).redisUri(urlOfUser()).build());

        assertThatThrownBy(client::start).isInstanceOfSatisfying(RedisCommandRefusedException.class, refused -> {
            assertThat(refused.command()).isEqualTo("XREAD");
            assertThat(refused.role()).isEqualTo(RedisCommandRefusedException.Role.CLIENT);
            assertThat(refused.getMessage()).contains("does not allow the clamator Redis client to run XREAD (NOPERM")
                    .contains("its ACL user needs XADD, XREAD and PEXPIRE");
        });
        assertThat(redis.exists(commands("clamator-command-check"))).as("the XADD probe creates no stream").isZero();
    }

    @Test
    void aClientWhoseAclNamesOnlyTheCommandStreamsOfTheServicesItCallsStartsAndCallsThem() {
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, new ArithService());
        server.start();
        redis.aclSetuser(user, io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("pw").allCommands()
                .keyPattern(commands("arith")).keyPattern(prefix + ":replies:*"));
        RedisRpcClient client = closeLater(RedisRpcClient.builder().keyPrefix(prefix).redisUri(urlOfUser()).build());

        client.start();

        assertThat(client.call("arith", "add", new Arith.AddParams(20, 22), Arith.AddResult.class).sum()).isEqualTo(42);
    }

    @Test
    void aClientWhoseReplyStreamNameHoldsAKeyOfAnotherTypeFailsItsStartSayingSo() {
        redis.set(replies("taken"), "not a stream");
        RedisRpcClient client = closeLater(clientBuilder().instanceId("taken").build());

        assertThatThrownBy(client::start).isInstanceOf(ClamatorTransportException.class)
                .hasMessageContaining("the client's reply stream " + replies("taken"))
                .hasMessageContaining("is a key of another type (WRONGTYPE")
                .hasMessageContaining("give the client another instance id, or delete the key");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRedisOlderThan62RefusesTheClientsXaddNomkstreamAsAnEntryIdAndTheStartSaysItIsTooOld() {
        RedisClusterCommands<String, byte[]> redis60 = (RedisClusterCommands<String, byte[]>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {RedisClusterCommands.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "xadd" -> throw new RedisCommandExecutionException("ERR Invalid stream ID specified as stream command argument");
                    case "info" -> "# Server\r\nredis_version:6.0.16\r\n";
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        assertThatThrownBy(() -> new RedisCommandCheck(redis60, "redis://old:6379").verifyClient(prefix, replies("a")))
                .isInstanceOfSatisfying(RedisCommandRefusedException.class, refused -> {
                    assertThat(refused.command()).isEqualTo("XADD NOMKSTREAM");
                    assertThat(refused.reason()).isEqualTo(RedisCommandRefusedException.Reason.UNKNOWN_COMMAND);
                    assertThat(refused.redisVersion()).isEqualTo("6.0.16");
                    assertThat(refused.getMessage()).contains("clamator needs Redis 6.2 or newer");
                });
    }

    @Test
    void aClientThatMayNoLongerReadItsRepliesSaysSoInTheTimeoutsOfItsCalls() {
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, new ArithService());
        server.start();
        allowAllBut(null);
        RedisRpcClient client = closeLater(RedisRpcClient.builder().keyPrefix(prefix).redisUri(urlOfUser())
                .blockTime(Duration.ofMillis(200)).defaultTimeout(Duration.ofSeconds(2)).build());
        client.start();
        redis.aclSetuser(user, io.lettuce.core.AclSetuserArgs.Builder.removeCommand(io.lettuce.core.protocol.CommandType.XREAD));
        await().atMost(Duration.ofSeconds(30)).until(() -> client.health().status() == ClamatorHealth.Status.DOWN);

        assertThatThrownBy(() -> client.call("arith", "add", new Arith.AddParams(1, 2), Arith.AddResult.class))
                .isInstanceOf(ClamatorTimeoutException.class)
                .hasMessageContaining("this client cannot read its replies from " + client.replyStream() + ": ")
                .hasMessageContaining("NOPERM");
    }

    private void allowAllBut(String denied) {
        io.lettuce.core.AclSetuserArgs rules = io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("pw").allKeys().allCommands();
        redis.aclSetuser(user, denied == null ? rules : rules.removeCommand(io.lettuce.core.protocol.CommandType.valueOf(denied)));
    }

    private String urlOfUser() {
        return redisServer.url().replace("redis://", "redis://" + user + ":pw@");
    }

    @Test
    void xdelIsNeededOnlyWhenHandledEntriesAreDeleted() {
        RedisRpcServer deleting = closeLater(serverWithout("XDEL").build());
        deleting.register(Arith.class, new ArithService());
        assertThatThrownBy(deleting::start).isInstanceOfSatisfying(RedisCommandRefusedException.class,
                refused -> assertThat(refused.command()).isEqualTo("XDEL"));

        RedisRpcServer keeping = closeLater(serverWithout("XDEL").keepHandledEntries(true).build());
        keeping.register(Arith.class, new ArithService());
        keeping.start();
        assertThat(startedClient().proxy(Arith.class).add(new Arith.AddParams(1, 2)).sum()).isEqualTo(3);
    }

    @Test
    void withoutXlenAServerThatRecordsMetricsStartsWithItsStreamGaugesEmptyAndSaysWhy() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LogCapture logs = LogCapture.of(ServicePipeline.class)) {
            RedisRpcServer server = closeLater(serverWithout("XLEN").streamMetricsInterval(Duration.ofMillis(100))
                    .options(ServerOptions.builder().metrics(ClamatorMetrics.of(registry)).build()).build());
            server.register(Arith.class, new ArithService());
            server.start();
            assertThat(startedClient().proxy(Arith.class).add(new Arith.AddParams(1, 2)).sum()).isEqualTo(3);
            assertThat(logs.messages()).anySatisfy(message -> assertThat(message)
                    .startsWith("service arith: its stream gauges (clamator.stream.*) stay empty: ").contains("XLEN"));
            assertThat(registry.get(ClamatorMeters.STREAM_LENGTH).gauge().value()).isNaN();
        }
    }

    @Test
    void aCommandRedisDoesNotKnowMeansARedisOlderThan62() {
        RedisCommandExecutionException unknown = new RedisCommandExecutionException(
                "ERR unknown command `XAUTOCLAIM`, with args beginning with: `t:cmds:arith` ");
        assertThat(RedisCommandCheck.reasonOf(unknown)).isEqualTo(RedisCommandRefusedException.Reason.UNKNOWN_COMMAND);
        assertThat(RedisCommandCheck.reasonOf(new RedisCommandExecutionException("ERR syntax error"))).isNull();

        RedisCommandRefusedException refused = new RedisCommandRefusedException("XAUTOCLAIM",
                RedisCommandRefusedException.Reason.UNKNOWN_COMMAND, RedisCommandRefusedException.Role.SERVER, "6.0.16",
                "redis://localhost:6379", unknown.getMessage());
        assertThat(refused.getMessage()).startsWith("Redis 6.0.16 at redis://localhost:6379 does not know XAUTOCLAIM")
                .contains("clamator needs Redis 6.2 or newer");
    }
}
