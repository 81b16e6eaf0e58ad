package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.client.ClientOptions;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Callbacks of asynchronous calls never run on the client's reply thread. */
class RedisClientCallbacksTest extends RedisTestSupport {

    @BeforeEach
    void serveArith() {
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, new ArithService());
        server.start();
    }

    @Test
    void aCallbackCanMakeABlockingCallOnTheSameClient() {
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofSeconds(10)).build());
        client.start();
        AtomicReference<String> callbackThread = new AtomicReference<>();
        CompletableFuture<Double> chained = client.callAsync("arith", "add", new Arith.AddParams(1, 2), Arith.AddResult.class)
                .thenApply(first -> {
                    callbackThread.set(Thread.currentThread().getName());
                    return client.call("arith", "add", new Arith.AddParams(first.sum(), 10), Arith.AddResult.class).sum();
                });
        assertThat(chained).succeedsWithin(Duration.ofSeconds(20)).isEqualTo(13.0);
        assertThat(callbackThread.get()).isNotEqualTo("clamator-replies");
    }

    @Test
    void asynchronousCallsCompleteOnTheConfiguredCallbackExecutor() {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "app-callbacks"));
        try {
            RedisRpcClient client = closeLater(clientBuilder()
                    .options(ClientOptions.defaults().withCallbackExecutor(executor)).build());
            client.start();
            AtomicReference<String> thread = new AtomicReference<>();
            assertThat(client.callAsync("arith", "add", new Arith.AddParams(1, 1), Arith.AddResult.class)
                    .thenApply(result -> {
                        thread.set(Thread.currentThread().getName());
                        return result;
                    })).succeedsWithin(Duration.ofSeconds(20));
            assertThat(thread.get()).isEqualTo("app-callbacks");
            assertThat(client.notifyAsync("arith", "add", new Arith.AddParams(1, 1))
                    .thenApply(done -> Thread.currentThread().getName())).succeedsWithin(Duration.ofSeconds(20)).isEqualTo("app-callbacks");
        } finally {
            executor.shutdownNow();
        }
    }
}
