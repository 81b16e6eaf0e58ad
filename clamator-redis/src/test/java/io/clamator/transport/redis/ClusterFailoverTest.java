package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.health.ClamatorHealth;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.server.ServerOptions;
import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisCluster;
import io.clamator.test.redis.TestRedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A master of a Redis Cluster is killed under load: its replica takes over, and servers and clients
 * carry on without a restart; calls in flight complete or fail within their timeout.
 */
@Tag("cluster")
class ClusterFailoverTest extends RedisTestSupport {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** How much later than its timeout a call may end: the timer's tick and a loaded machine. */
    private static final Duration TIMEOUT_SLACK = Duration.ofSeconds(3);
    private static final int CALLERS = 8;
    /** Longer than the test waits for stop, so that a stop that waited out a read would fail. */
    private static final Duration BLOCK_TIME = Duration.ofSeconds(60);

    private static TestRedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TestRedis.startCluster();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Override
    protected TestRedisCluster redisCluster() {
        return cluster;
    }

    private enum Outcome { ANSWERED, WRONG_ANSWER, TIMED_OUT, FAILED }

    private record Call(Outcome outcome, long nanos, long endedAt) {
    }

    @Test
    void whenTheMasterOfAServicesStreamIsKilledUnderLoadItsReplicaTakesOverAndCallsCarryOn() throws Exception {
        RedisRpcServer server = closeLater(serverBuilder().claimIdle(Duration.ofSeconds(2)).blockTime(BLOCK_TIME)
                .options(ServerOptions.builder().concurrency(CALLERS).shutdownGrace(BLOCK_TIME).build()).build());
        server.register(Arith.class, new ArithService());
        server.start();
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(CALL_TIMEOUT).build());
        client.start();
        Arith arith = client.proxy(Arith.class);
        assertThat(arith.add(new Arith.AddParams(1, 2)).sum()).isEqualTo(3);

        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        for (int caller = 0; caller < CALLERS; caller++) {
            int a = caller;
            callers.submit(() -> {
                while (running.get()) {
                    calls.add(call(arith, a));
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> answered(calls, 0) >= 200);

        TestRedisServer master = cluster.masterOf(commands("arith"));
        long killedAt = System.nanoTime();
        master.kill();
        cluster.awaitHealthy();
        long healthyAt = System.nanoTime();
        await("calls answered again after the failover").atMost(Duration.ofSeconds(120))
                .until(() -> answered(calls, healthyAt) >= 200);
        running.set(false);
        callers.shutdown();
        assertThat(callers.awaitTermination(CALL_TIMEOUT.plus(TIMEOUT_SLACK).toSeconds() + 10, TimeUnit.SECONDS))
                .as("no call hangs").isTrue();

        List<Call> all = List.copyOf(calls);
        assertThat(all).noneMatch(call -> call.outcome() == Outcome.WRONG_ANSWER);
        assertThat(all).allSatisfy(call -> assertThat(Duration.ofNanos(call.nanos()))
                .as("each call ends within its timeout").isLessThanOrEqualTo(CALL_TIMEOUT.plus(TIMEOUT_SLACK)));
        Map<Outcome, Long> during = all.stream().filter(call -> call.endedAt() >= killedAt)
                .collect(Collectors.groupingBy(Call::outcome, Collectors.counting()));
        System.out.printf("FAILOVER master %s killed; cluster healthy after %d ms; calls ended since the kill: %s%n", master.url(),
                Duration.ofNanos(healthyAt - killedAt).toMillis(), during);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(server.health().status()).isEqualTo(ClamatorHealth.Status.UP);
            assertThat(client.health().status()).isEqualTo(ClamatorHealth.Status.UP);
        });

        long stopping = System.nanoTime();
        server.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping))
                .as("the read on the new master's connection ended by CLIENT UNBLOCK, not after its block time")
                .isLessThan(BLOCK_TIME.dividedBy(3));
    }

    private static Call call(Arith arith, int a) {
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = arith.add(new Arith.AddParams(a, 1)).sum() == a + 1 ? Outcome.ANSWERED : Outcome.WRONG_ANSWER;
        } catch (ClamatorTimeoutException e) {
            outcome = Outcome.TIMED_OUT;
        } catch (RuntimeException e) {
            outcome = Outcome.FAILED;
            pause();
        }
        long end = System.nanoTime();
        return new Call(outcome, end - start, end);
    }

    /** A caller whose call failed at once (Redis unreachable) tries again a little later, as a caller would. */
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long answered(List<Call> calls, long since) {
        synchronized (calls) {
            return calls.stream().filter(call -> call.outcome() == Outcome.ANSWERED && call.endedAt() >= since).count();
        }
    }
}
