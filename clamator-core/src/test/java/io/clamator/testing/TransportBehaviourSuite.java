package io.clamator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.client.ClientOptions;
import io.clamator.client.RpcClient;
import io.clamator.protocol.ClamatorInterruptedException;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.RpcException;
import io.clamator.server.RpcServer;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import io.clamator.transport.spi.AbstractRpcClient;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every transport must do alike, where a test written against one would notice the other:
 * scheduling (order at concurrency 1, N at a time), the payload limit, key prefixes, and stopping
 * within the grace period. Each transport runs it through a subclass.
 */
public abstract class TransportBehaviourSuite {

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final CountDownLatch endOfTest = new CountDownLatch(1);

    /** A key prefix of the test's own. */
    protected final String keyPrefix = "behaviour-" + UUID.randomUUID().toString().substring(0, 8);

    /** A new server of the transport under the key prefix, not started. */
    protected abstract RpcServer newServer(String keyPrefix, ServerOptions options);

    /** A new client of the transport for the key prefix, not started, reading replies of up to {@code maxPayloadBytes}. */
    protected abstract RpcClient newClient(String keyPrefix, Duration defaultTimeout, int maxPayloadBytes);

    private RpcClient newClient(String keyPrefix, Duration defaultTimeout) {
        return newClient(keyPrefix, defaultTimeout, ClientOptions.DEFAULT_MAX_PAYLOAD_BYTES);
    }

    @AfterEach
    void closeEverything() throws Exception {
        endOfTest.countDown();
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private RpcServer startedServer(ServerOptions options, ServiceDefinition service) {
        RpcServer server = newServer(keyPrefix, options);
        toClose.add(server);
        server.register(service);
        server.start();
        return server;
    }

    private RpcClient startedClient(String prefix, Duration timeout) {
        RpcClient client = newClient(prefix, timeout);
        toClose.add(client);
        client.start();
        return client;
    }

    private RpcClient startedClient() {
        return startedClient(keyPrefix, Duration.ofSeconds(30));
    }

    public record Step(int n, String text) {
    }

    /** Records the order handlers start in and how many overlap; each waits for {@code release}. */
    private static final class Steps {

        final List<Integer> started = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final CountDownLatch release;

        Steps(boolean waitForRelease) {
            release = new CountDownLatch(waitForRelease ? 1 : 0);
        }

        ServiceDefinition service() {
            return ServiceDefinition.builder("work").request("step", Step.class, Step.class, step -> {
                started.add(step.n());
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                    Thread.sleep(5);
                } finally {
                    running.decrementAndGet();
                }
                return step;
            }).build();
        }
    }

    private static List<CompletableFuture<Step>> callSteps(RpcClient client, int count) {
        List<CompletableFuture<Step>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(client.callAsync("work", "step", new Step(i, "x"), Step.class));
        }
        return calls;
    }

    private static void awaitAll(List<CompletableFuture<Step>> calls) {
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
    }

    @Test
    void aHandlerPastItsTimeLimitIsAnsweredWithHandlerTimedOutInterruptedAndTheNextCallRuns() {
        AtomicBoolean interrupted = new AtomicBoolean();
        ServiceDefinition service = ServiceDefinition.builder("work")
                .request("stuck", Step.class, Step.class, step -> {
                    try {
                        endOfTest.await();
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        Thread.currentThread().interrupt();
                    }
                    return step;
                })
                .request("step", Step.class, Step.class, step -> step)
                .build();
        startedServer(ServerOptions.builder().handlerTimeout("work", Duration.ofMillis(300)).build(), service);
        RpcClient client = startedClient();

        assertThatThrownBy(() -> client.call("work", "stuck", new Step(1, "x"), Step.class))
                .isInstanceOfSatisfying(RpcException.class, error -> {
                    assertThat(error.code()).isEqualTo(-32603);
                    assertThat(error.getMessage()).isEqualTo("Handler timed out");
                    assertThat(error.data().get("name").stringValue()).isEqualTo("HandlerTimeout");
                    assertThat(error.data().get("timeoutMs").intValue()).isEqualTo(300);
                });
        await().atMost(Duration.ofSeconds(20)).untilTrue(interrupted);
        assertThat(client.call("work", "step", new Step(2, "y"), Step.class)).as("the one slot is free again")
                .isEqualTo(new Step(2, "y"));
    }

    @Test
    void withConcurrencyOneCallsRunOneAtATimeInTheOrderTheyWereSent() {
        Steps steps = new Steps(false);
        startedServer(ServerOptions.builder().concurrency(1).build(), steps.service());
        List<CompletableFuture<Step>> calls = callSteps(startedClient(), 20);
        awaitAll(calls);
        assertThat(steps.started).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
        assertThat(steps.maxRunning).hasValue(1);
    }

    @Test
    void aCallWhoseCallerStoppedWaitingBeforeItCouldStartIsNotRun() {
        Steps steps = new Steps(true);
        startedServer(ServerOptions.builder().concurrency(1).build(), steps.service());
        RpcClient client = startedClient();
        CompletableFuture<Step> first = client.callAsync("work", "step", new Step(1, "x"), Step.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> steps.started.contains(1));
        CompletableFuture<Step> givenUp = client.callAsync("work", "step", new Step(2, "x"), Step.class, Duration.ofMillis(200));
        assertThat(givenUp).failsWithin(Duration.ofSeconds(20)).withThrowableThat().havingCause().isInstanceOf(ClamatorTimeoutException.class);

        steps.release.countDown();
        assertThat(first).succeedsWithin(Duration.ofSeconds(30));
        assertThat(client.call("work", "step", new Step(3, "x"), Step.class)).isEqualTo(new Step(3, "x"));
        assertThat(steps.started).as("the call nobody waited for was not run").containsExactly(1, 3);
    }

    @Test
    void aBlockingCallInTheCallbackOfAnAsynchronousOneFailsAtOnce() {
        startedServer(ServerOptions.defaults(), new Steps(false).service());
        RpcClient client = startedClient();
        CompletableFuture<Step> chained = client.callAsync("work", "step", new Step(1, "x"), Step.class)
                .thenApply(first -> client.call("work", "step", new Step(first.n() + 1, "x"), Step.class));
        assertThat(chained).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingRootCause()
                .isInstanceOf(IllegalStateException.class).withMessageContaining("blocking call to work.step on transport thread");
    }

    @Test
    void stoppingTheClientInTheCallbackOfOneOfItsCallsReturnsAtOnceAndTheClientStopsOnAThreadOfItsOwn() {
        startedServer(ServerOptions.defaults(), new Steps(false).service());
        RpcClient client = startedClient();
        CompletableFuture<Void> stopped = client.callAsync("work", "step", new Step(1, "x"), Step.class).thenRun(client::stop);
        assertThat(stopped).succeedsWithin(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(20)).until(() -> !client.isRunning());
    }

    @Test
    void withConcurrencyNAtMostNRunAtOnce() {
        Steps steps = new Steps(true);
        startedServer(ServerOptions.builder().concurrency("work", 3).build(), steps.service());
        List<CompletableFuture<Step>> calls = callSteps(startedClient(), 7);
        await().atMost(Duration.ofSeconds(20)).until(() -> steps.running.get() == 3);
        assertThat(steps.started).hasSize(3);
        steps.release.countDown();
        awaitAll(calls);
        assertThat(steps.maxRunning).hasValue(3);
        assertThat(steps.started).hasSize(7);
    }

    @Test
    void aRequestOverThePayloadLimitIsAnsweredUnreadAndTheServerCarriesOn() {
        Steps steps = new Steps(false);
        startedServer(ServerOptions.builder().maxPayloadBytes(512).build(), steps.service());
        RpcClient client = startedClient();
        assertThatThrownBy(() -> client.call("work", "step", new Step(1, "x".repeat(1000)), Step.class))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32600);
                    assertThat(e.getMessage()).isEqualTo("Invalid Request");
                    assertThat(e.data().get("maxBytes").intValue()).isEqualTo(512);
                    assertThat(e.data().get("reason").stringValue()).contains("exceeds the maximum of 512");
                });
        client.notify("work", "step", new Step(3, "x".repeat(1000)));
        assertThat(client.call("work", "step", new Step(2, "small"), Step.class).n()).isEqualTo(2);
        assertThat(steps.started).as("neither the request nor the notification ran").containsExactly(2);
    }

    @Test
    void aReplyOverTheClientsPayloadLimitFailsItsCallUnread() {
        Steps steps = new Steps(false);
        startedServer(ServerOptions.defaults(), steps.service());
        RpcClient client = newClient(keyPrefix, Duration.ofSeconds(30), 512);
        toClose.add(client);
        client.start();
        assertThatThrownBy(() -> client.call("work", "step", new Step(1, "x".repeat(1000)), Step.class))
                .isInstanceOf(ClamatorProtocolException.class)
                .hasMessageContaining("exceeds the maximum of 512 for work.step");
        assertThat(client.call("work", "step", new Step(2, "small"), Step.class).n()).isEqualTo(2);
    }

    public record Amounts(BigDecimal price, BigInteger units, long cents) {
    }

    @Test
    void exactNumbersKeepEveryDigitAndTheirScaleInParamsResultsAndErrorData() {
        startedServer(ServerOptions.defaults(), ServiceDefinition.builder("ledger")
                .request("echo", Amounts.class, Amounts.class, amounts -> amounts)
                .request("refuse", Amounts.class, Amounts.class, amounts -> {
                    throw new RpcException(-32010, "refused", amounts);
                })
                .build());
        RpcClient client = startedClient();
        Amounts large = new Amounts(new BigDecimal("12345678901234.5678"), new BigInteger("123456789012345678901234567890"),
                9007199254740993L);
        Amounts scaled = new Amounts(new BigDecimal("0.60"), BigInteger.ZERO, -9007199254740993L);
        assertThat(client.call("ledger", "echo", large, Amounts.class)).isEqualTo(large);
        assertThat(client.call("ledger", "echo", scaled, Amounts.class).price()).hasToString("0.60");
        assertThatThrownBy(() -> client.call("ledger", "refuse", large, Amounts.class))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.data(Amounts.class)).isEqualTo(large);
                    assertThat(e.data().get("price").decimalValue()).isEqualTo(new BigDecimal("12345678901234.5678"));
                });
    }

    @Test
    void aClientOfAnotherKeyPrefixDoesNotReachTheService() {
        Steps steps = new Steps(false);
        startedServer(ServerOptions.defaults(), steps.service());
        RpcClient elsewhere = startedClient(keyPrefix + "-other", Duration.ofMillis(500));
        assertThatThrownBy(() -> elsewhere.call("work", "step", new Step(1, "x"), Step.class))
                .isInstanceOf(ClamatorTimeoutException.class);
        assertThat(startedClient().call("work", "step", new Step(2, "x"), Step.class).n()).isEqualTo(2);
        assertThat(steps.started).containsExactly(2);
    }

    @Test
    void stopWaitsForTheHandlersInFlightWithinTheGracePeriod() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        RpcServer server = startedServer(ServerOptions.builder().shutdownGrace(Duration.ofSeconds(20)).build(),
                ServiceDefinition.builder("work").request("step", Step.class, Step.class, step -> {
                    started.countDown();
                    Thread.sleep(500);
                    finished.incrementAndGet();
                    return step;
                }).build());
        CompletableFuture<Step> call = startedClient().callAsync("work", "step", new Step(1, "x"), Step.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> started.getCount() == 0);
        server.stop();
        assertThat(finished).as("stop waited for the handler").hasValue(1);
        assertThat(call).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(new Step(1, "x"));
    }

    @Test
    void theWholeStopTakesTheGracePeriodWhenAHandlerNeverReturns() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger interrupts = new AtomicInteger();
        RpcServer server = startedServer(ServerOptions.builder().shutdownGrace(Duration.ofMillis(500)).build(),
                ServiceDefinition.builder("work").request("step", Step.class, Step.class, step -> {
                    started.countDown();
                    while (true) {
                        try {
                            endOfTest.await();
                            return step;
                        } catch (InterruptedException e) {
                            interrupts.incrementAndGet();
                        }
                    }
                }).build());
        CompletableFuture<Step> call = startedClient().callAsync("work", "step", new Step(1, "x"), Step.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> started.getCount() == 0);
        long stopping = System.nanoTime();
        server.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping))
                .isGreaterThanOrEqualTo(Duration.ofMillis(500))
                .isLessThan(Duration.ofMillis(500 + 1500));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(interrupts).as("the handler was interrupted, and ignored it").hasValue(1));
        assertThat(call).as("abandoned: never answered").isNotDone();
    }

    @Test
    void aNotificationRunsAndIsNeverAnswered() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        startedServer(ServerOptions.defaults(), ServiceDefinition.builder("work")
                .notification("note", Step.class, step -> seen.add(step.text())).build());
        startedClient().notify("work", "note", new Step(1, "hello"));
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("hello"));
    }

    /** A service whose handler holds every call until {@code release}; {@code answered} counts the replies it wrote. */
    private CountDownLatch heldService(CountDownLatch started, AtomicInteger answered) {
        CountDownLatch release = new CountDownLatch(1);
        startedServer(ServerOptions.defaults(), ServiceDefinition.builder("work").request("step", Step.class, Step.class, step -> {
            started.countDown();
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            answered.incrementAndGet();
            return step;
        }).build());
        return release;
    }

    @Test
    void aBlockingCallAnswersAnInterruptAtOnceAndKeepsTheFlag() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        CountDownLatch release = heldService(started, answered);
        RpcClient client = startedClient();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                client.call("work", "step", new Step(1, "x"), Step.class);
            } catch (RuntimeException e) {
                thrown.set(e);
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(caller.isAlive()).as("the call returned on the interrupt").isFalse();
        assertThat(thrown.get()).isInstanceOf(ClamatorInterruptedException.class)
                .hasMessage("call to work.step interrupted while waiting");
        assertThat(flagKept).isTrue();
        try (LogCapture logs = LogCapture.of(AbstractRpcClient.class)) {
            release.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> answered.get() == 1);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(logs.messages())
                    .as("the call was released: its late reply finds nothing waiting")
                    .anySatisfy(line -> assertThat(line).startsWith("dropped a reply for no pending call")));
        }
    }

    @Test
    void cancellingTheFutureOfACallReleasesIt() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger answered = new AtomicInteger();
        CountDownLatch release = heldService(started, answered);
        RpcClient client = startedClient();
        CompletableFuture<Step> call = client.callAsync("work", "step", new Step(1, "x"), Step.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> started.getCount() == 0);
        assertThat(call.cancel(true)).isTrue();
        try (LogCapture logs = LogCapture.of(AbstractRpcClient.class)) {
            release.countDown();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(logs.messages())
                    .anySatisfy(line -> assertThat(line).startsWith("dropped a reply for no pending call")));
        }
        assertThat(client.call("work", "step", new Step(2, "y"), Step.class).n()).as("the client carries on").isEqualTo(2);
    }
}
