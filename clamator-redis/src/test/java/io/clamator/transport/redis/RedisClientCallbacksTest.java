package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.client.ClientOptions;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where callbacks of asynchronous calls run, and what a blocking call on a transport thread does. */
class RedisClientCallbacksTest extends RedisTestSupport {

    @BeforeEach
    void serveArith() {
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, new ArithService());
        server.start();
    }

    @Test
    void aBlockingCallOnTheEventLoopFailsAtOnceInsteadOfTimingOut() {
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofSeconds(30)).build());
        client.start();
        CompletableFuture<Double> chained = client.callAsync("arith", "add", new Arith.AddParams(1, 2), Arith.AddResult.class)
                .thenApply(first -> client.call("arith", "add", new Arith.AddParams(first.sum(), 10), Arith.AddResult.class).sum());
        assertThat(chained).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingRootCause().isInstanceOf(IllegalStateException.class)
                .withMessageContaining("blocking call to arith.add on transport thread")
                .withMessageContaining("withCallbackExecutor");
    }

    @Test
    void aBlockingNotificationOnTheEventLoopFailsAtOnceInsteadOfWaitingForItsOwnSend() {
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofSeconds(30)).build());
        client.start();
        CompletableFuture<Void> chained = client.callAsync("arith", "add", new Arith.AddParams(1, 2), Arith.AddResult.class)
                .thenAccept(first -> client.notify("arith", "add", new Arith.AddParams(first.sum(), 10)));
        assertThat(chained).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingRootCause().isInstanceOf(IllegalStateException.class)
                .withMessageContaining("blocking call to arith.add on transport thread");
    }

    @Test
    void aBlockingCallInATimeoutsCallbackFailsAtOnce() {
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofSeconds(30)).build());
        client.start();
        CompletableFuture<Double> chained = client.<Arith.AddResult>callAsync("nobody", "add", new Arith.AddParams(1, 2), Arith.AddResult.class,
                        Duration.ofMillis(200))
                .thenApply(Arith.AddResult::sum)
                .exceptionally(timedOut -> client.call("arith", "add", new Arith.AddParams(1, 10), Arith.AddResult.class).sum());
        assertThat(chained).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingRootCause().isInstanceOf(IllegalStateException.class)
                .withMessageContaining("blocking call to arith.add on transport thread");
    }

    @Test
    void aBlockingCallOnANettyThreadThatDeliversNothingToClamatorIsServed() throws Exception {
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofSeconds(20)).build());
        client.start();
        DefaultEventLoop webEventLoop = new DefaultEventLoop(new DefaultThreadFactory("web-server"));
        try {
            Future<Double> sum = webEventLoop.submit(() -> {
                assertThat(Thread.currentThread()).isInstanceOf(FastThreadLocalThread.class);
                return client.call("arith", "add", new Arith.AddParams(1, 2), Arith.AddResult.class).sum();
            });
            assertThat(sum.get(30, TimeUnit.SECONDS)).isEqualTo(3.0);
        } finally {
            webEventLoop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    @Test
    void withACallbackExecutorACallbackCanMakeABlockingCallOnTheSameClient() {
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofSeconds(10))
                    .options(ClientOptions.defaults().withCallbackExecutor(executor)).build());
            client.start();
            AtomicReference<String> callbackThread = new AtomicReference<>();
            CompletableFuture<Double> chained = client.callAsync("arith", "add", new Arith.AddParams(1, 2), Arith.AddResult.class)
                    .thenApply(first -> {
                        callbackThread.set(Thread.currentThread().getName());
                        return client.call("arith", "add", new Arith.AddParams(first.sum(), 10), Arith.AddResult.class).sum();
                    });
            assertThat(chained).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(13.0);
            assertThat(callbackThread.get()).as("not a transport (event loop) thread").doesNotStartWith("lettuce-");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void asynchronousCallsCompleteOnTheConfiguredCallbackExecutor() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        AtomicInteger completions = new AtomicInteger();
        Executor counting = task -> {
            completions.incrementAndGet();
            executor.execute(task);
        };
        try {
            RedisRpcClient client = closeLater(clientBuilder().options(ClientOptions.defaults().withCallbackExecutor(counting)).build());
            client.start();
            assertThat(client.callAsync("arith", "add", new Arith.AddParams(1, 1), Arith.AddResult.class))
                    .succeedsWithin(Duration.ofSeconds(20));
            assertThat(completions).hasValue(1);
            assertThat(client.notifyAsync("arith", "add", new Arith.AddParams(1, 1))).succeedsWithin(Duration.ofSeconds(20));
            assertThat(completions).hasValue(2);
            assertThat(client.call("arith", "add", new Arith.AddParams(1, 1), Arith.AddResult.class).sum()).isEqualTo(2);
            assertThat(completions).as("a blocking call needs no hand-over").hasValue(2);
        } finally {
            executor.shutdownNow();
        }
    }
}
