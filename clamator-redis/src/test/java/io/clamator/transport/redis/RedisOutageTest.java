package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.server.ServerOptions;
import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisServer;
import io.clamator.testing.LogCapture;
import io.clamator.transport.spi.AbstractRpcClient;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A real redis-server process goes away and comes back; servers and clients carry on by themselves. */
class RedisOutageTest extends RedisTestSupport {

    private final TestRedisServer ownRedis = TestRedis.startDedicated();

    @Override
    protected TestRedisServer redisServer() {
        toClose.add(ownRedis);
        return ownRedis;
    }

    @Test
    void loopsReconnectAfterAnOutageAndLogItOnce() {
        ArithService arith = new ArithService();
        try (LogCapture consumerLogs = LogCapture.of(StreamReader.class);
             LogCapture replyLogs = LogCapture.of(ReplyListener.class)) {
            RedisRpcServer server = closeLater(serverBuilder().build());
            server.register(Arith.class, arith);
            server.start();
            RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofSeconds(3)).build());
            client.start();
            Arith proxy = client.proxy(Arith.class);
            assertThat(proxy.add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
            CompletableFuture<Arith.AddResult> inFlight = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(1, 1, 2000), Arith.AddResult.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> arith.handled.get() == 2);

            ownRedis.stop();

            assertThat(inFlight).as("a call in flight during the outage ends").failsWithin(Duration.ofSeconds(20))
                    .withThrowableThat().havingRootCause().isInstanceOf(ClamatorTransportException.class);
            assertThatThrownBy(() -> proxy.add(new Arith.AddParams(2, 2))).as("a new call during the outage fails")
                    .isInstanceOf(ClamatorTransportException.class);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(warnings(consumerLogs)).isNotEmpty());

            ownRedis.start();

            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() ->
                    assertThat(proxy.add(new Arith.AddParams(20, 22)).sum()).isEqualTo(42));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(infos(consumerLogs)).anySatisfy(message -> assertThat(message).startsWith("Redis available again for the consumer loop of service arith"));
                assertThat(infos(replyLogs)).anySatisfy(message -> assertThat(message).startsWith("Redis available again for the client reply loop"));
            });
            assertThat(warnings(consumerLogs).stream().filter(message -> message.startsWith("Redis unavailable")))
                    .as("the outage is logged once, not per retry").hasSize(1);
            assertThat(warnings(replyLogs).stream().filter(message -> message.startsWith("Redis unavailable"))).hasSize(1);
        }
    }

    /**
     * Reads that time out while Redis is frozen make the loop look again at what its consumer has
     * pending; the call it is handling meanwhile is only listed, and keeps its one delivery.
     */
    @Test
    void readsThatFailWhileACallIsHandledCountNoFurtherDeliveryOfIt() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ArithService arith = slowAddHeldBy(handling, finish);
        try (LogCapture consumerLogs = LogCapture.of(StreamReader.class)) {
            RedisRpcServer server = closeLater(serverBuilder().commandTimeout(Duration.ofMillis(300)).blockTime(Duration.ofMillis(200))
                    .options(ServerOptions.builder().concurrency(2).build()).build());
            server.register(Arith.class, arith);
            server.start();
            RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofSeconds(60)).build());
            client.start();
            CompletableFuture<Arith.AddResult> call = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(20, 22, 0), Arith.AddResult.class);
            assertThat(handling.await(20, TimeUnit.SECONDS)).isTrue();

            ownRedis.freeze();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(warnings(consumerLogs))
                    .anySatisfy(message -> assertThat(message).startsWith("Redis unavailable for the consumer loop of service arith")));
            ownRedis.resume();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(infos(consumerLogs))
                    .anySatisfy(message -> assertThat(message).startsWith("Redis available again for the consumer loop of service arith")));

            assertThat(redis.xpending(commands("arith"), "arith", Range.create("-", "+"), Limit.from(10)))
                    .singleElement().satisfies(pending -> assertThat(pending.getRedeliveryCount()).isEqualTo(1));
            finish.countDown();
            assertThat(call).succeedsWithin(Duration.ofSeconds(30)).satisfies(result -> assertThat(result.sum()).isEqualTo(42));
        } finally {
            finish.countDown();
        }
    }

    @Test
    void aCallWhoseRequestRedisDidNotConfirmInTimeStaysPendingAndIsAnsweredOnceRedisRunsIt() {
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, new ArithService());
        server.start();
        RedisRpcClient client = closeLater(clientBuilder().commandTimeout(Duration.ofMillis(300)).defaultTimeout(Duration.ofSeconds(60)).build());
        client.start();
        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
        try (LogCapture clientLogs = LogCapture.of(AbstractRpcClient.class)) {
            CompletableFuture<Arith.AddResult> call;
            ownRedis.freeze();
            try {
                call = client.callAsync("arith", "add", new Arith.AddParams(20, 22), Arith.AddResult.class);
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(clientLogs.messages())
                        .anySatisfy(message -> assertThat(message).contains("stays pending until its reply or its timeout")));
                assertThat(call).as("not failed as 'send failed': Redis may still add it").isNotDone();
            } finally {
                ownRedis.resume();
            }
            assertThat(call).succeedsWithin(Duration.ofSeconds(30)).satisfies(result -> assertThat(result.sum()).isEqualTo(42));
        }
    }

    @Test
    void aReplyRedisRefusedForAMomentIsWrittenAsSoonAsRedisTakesItNotAfterTheClaimIdleTime() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        RedisRpcServer server = closeLater(serverBuilder().claimIdle(Duration.ofMinutes(5)).build());
        server.register(Arith.class, slowAddHeldBy(handling, finish));
        server.start();
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofSeconds(60)).build());
        client.start();
        CompletableFuture<Arith.AddResult> call = client.callAsync("arith", "slowAdd", new Arith.SlowAddParams(20, 22, 0), Arith.AddResult.class);
        try (LogCapture handlerLogs = LogCapture.of(RedisEntryHandler.class); LogCapture retryLogs = LogCapture.of(ReplyRetries.class)) {
            assertThat(handling.await(20, TimeUnit.SECONDS)).isTrue();
            redis.configSet("maxmemory-policy", "noeviction");
            redis.configSet("maxmemory", "1");
            try {
                finish.countDown();
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(retryLogs.messages()).anySatisfy(message ->
                        assertThat(message).contains("OOM command not allowed").contains("trying again")));
                assertThat(call).as("refused while Redis is out of memory").isNotDone();
            } finally {
                redis.configSet("maxmemory", "0");
            }
            assertThat(call).succeedsWithin(Duration.ofSeconds(20)).satisfies(result -> assertThat(result.sum()).isEqualTo(42));
            assertThat(handlerLogs.at(ch.qos.logback.classic.Level.ERROR)).as("nothing left pending").isEmpty();
        } finally {
            finish.countDown();
        }
    }

    /**
     * A claim sent while Redis is frozen runs as soon as it resumes, before any live server has
     * reset the idle times of the entries it runs: it takes nothing. Here the test keeps an entry
     * claimed for a consumer of its own (as a live server's keeper does) and resumes only once the
     * claim has run.
     */
    @Test
    void aClaimQueuedInAFrozenRedisTakesNothingWhenItRunsAsRedisResumes() throws Exception {
        String stream = commands("arith");
        redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), "arith", XGroupCreateArgs.Builder.mkstream());
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofSeconds(60)).build());
        client.start();
        client.callAsync("arith", "add", new Arith.AddParams(20, 22), Arith.AddResult.class);
        Consumer<String> live = Consumer.from("arith", "arith:live");
        String entry = await().atMost(Duration.ofSeconds(20)).until(() -> redis.xreadgroup(live, XReadArgs.StreamOffset.lastConsumed(stream)),
                read -> !read.isEmpty()).get(0).getId();
        AtomicBoolean keeping = new AtomicBoolean(true);
        ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor();
        toClose.add(keeper::shutdownNow);
        Runnable keep = () -> {
            synchronized (keeping) {
                if (keeping.get()) {
                    redis.xclaim(stream, live, XClaimArgs.Builder.minIdleTime(0).justid(), entry);
                }
            }
        };
        keeper.scheduleWithFixedDelay(keep, 0, 200, TimeUnit.MILLISECONDS);
        ArithService arith = new ArithService();
        RedisRpcServer server = closeLater(serverBuilder().claimIdle(Duration.ofMillis(1500)).build());
        server.register(Arith.class, arith);
        try (LogCapture reclaimLogs = LogCapture.of(Reclaimer.class)) {
            server.start();
            synchronized (keeping) {
                keeping.set(false);
            }
            ownRedis.freeze();
            try {
                long thawAt = System.nanoTime() + Duration.ofSeconds(3).toNanos(); // past the claim idle time, and a claim pass sent meanwhile
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> System.nanoTime() >= thawAt);
            } finally {
                ownRedis.resume();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(warnings(reclaimLogs))
                    .anySatisfy(message -> assertThat(message).startsWith("service arith: a claim ran in Redis more than 500 ms after it was sent")));
            keeping.set(true);
            assertThat(redis.xpending(stream, "arith", Range.create("-", "+"), Limit.from(10))).singleElement().satisfies(pending -> {
                assertThat(pending.getConsumer()).as("still with the live consumer").isEqualTo("arith:live");
                assertThat(pending.getRedeliveryCount()).isEqualTo(1);
            });
            assertThat(arith.handled).as("not run by the server").hasValue(0);
        }
    }

    @Test
    void anOperationsToolOnAFrozenRedisFailsAfterTheCommandTimeoutNotLettucesMinute() {
        RedisDeadLetters letters = deadLetters();
        RedisServiceStreams streams = serviceStreams(prefix);
        assertThat(letters.count()).isZero();
        assertThat(streams.list()).isEmpty();
        ownRedis.freeze();
        try {
            long started = System.nanoTime();
            assertThatThrownBy(letters::count).isInstanceOf(RedisCommandTimeoutException.class);
            assertThatThrownBy(streams::list).isInstanceOf(RedisCommandTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("two commands, ten seconds each")
                    .isLessThan(Duration.ofSeconds(50));
        } finally {
            ownRedis.resume();
        }
    }

    @Test
    void afterAShortOutageEveryLoopResumesWithinAboutASecond() {
        assertResumesPromptlyAfterAnOutageOf(Duration.ofSeconds(3));
    }

    /** The loops' and Lettuce's retry pauses stay short however long Redis was away. */
    @Test
    @Tag("slow")
    void afterAMinuteLongOutageEveryLoopResumesWithinAboutASecond() {
        assertResumesPromptlyAfterAnOutageOf(Duration.ofSeconds(60));
    }

    private void assertResumesPromptlyAfterAnOutageOf(Duration outage) {
        ArithService arith = new ArithService();
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, arith);
        server.start();
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofSeconds(2)).build());
        client.start();
        Arith proxy = client.proxy(Arith.class);
        assertThat(proxy.add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);

        ownRedis.stop();
        long outageEnds = System.nanoTime() + outage.toNanos();
        await().atMost(outage.plusSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> System.nanoTime() >= outageEnds);
        ownRedis.start();
        long backAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().untilAsserted(() ->
                assertThat(proxy.add(new Arith.AddParams(20, 22)).sum()).isEqualTo(42));
        Duration resumedAfter = Duration.ofNanos(System.nanoTime() - backAt);
        System.out.printf("FIGURE outage_s=%d first_call_after_ms=%d%n", outage.toSeconds(), resumedAfter.toMillis());
        assertThat(resumedAfter).as("first successful call after Redis came back").isLessThan(Duration.ofSeconds(5));
    }

    /** Arith whose {@code slowAdd} counts {@code handling} down, then returns once {@code finish} is. */
    private static ArithService slowAddHeldBy(CountDownLatch handling, CountDownLatch finish) {
        return new ArithService() {
            @Override
            public Arith.AddResult slowAdd(Arith.SlowAddParams params) {
                handling.countDown();
                try {
                    finish.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Arith.AddResult(params.a() + params.b());
            }
        };
    }

    private static java.util.List<String> warnings(LogCapture logs) {
        return logs.at(Level.WARN).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static java.util.List<String> infos(LogCapture logs) {
        return logs.at(Level.INFO).stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
