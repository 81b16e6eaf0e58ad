package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Handlers in flight per service: one at a time in stream order by default, N at once when configured. */
class RedisConcurrencyTest extends RedisTestSupport {

    record Step(int n) {
    }

    /** A service whose handler records how many of its invocations overlap and in which order they start. */
    private static final class Recorder {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final List<Integer> started = java.util.Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch release = new CountDownLatch(1);

        ServiceDefinition service(boolean waitForRelease) {
            return ServiceDefinition.builder("work").request("step", Step.class, Step.class, step -> {
                started.add(step.n());
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    if (waitForRelease) {
                        release.await(30, TimeUnit.SECONDS);
                    } else {
                        Thread.sleep(20);
                    }
                } finally {
                    running.decrementAndGet();
                }
                return step;
            }).build();
        }
    }

    private List<CompletableFuture<Step>> callSteps(RedisRpcClient client, int count) {
        List<CompletableFuture<Step>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(client.callAsync("work", "step", new Step(i), Step.class));
        }
        return calls;
    }

    @Test
    void byDefaultHandlesOneEntryAtATimeInStreamOrder() {
        Recorder recorder = new Recorder();
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(recorder.service(false));
        server.start();
        RedisRpcClient client = startedClient();
        List<CompletableFuture<Step>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(client.callAsync("work", "step", new Step(i), Step.class));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(recorder.maxRunning).hasValue(1);
        assertThat(recorder.started).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
    }

    @Test
    void aBusyServerTakesNoMoreEntriesThanItCanStart() {
        Recorder recorder = new Recorder();
        RedisRpcServer server = closeLater(serverBuilder().batchSize(32).options(ServerOptions.builder().concurrency("work", 2).build()).build());
        server.register(recorder.service(true));
        server.start();
        List<CompletableFuture<Step>> calls = callSteps(startedClient(), 10);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recorder.running).hasValue(2));
        assertThat(redis.xpending(commands("work"), "work").getCount()).as("only the two running entries were read").isEqualTo(2);
        assertThat(redis.xlen(commands("work"))).as("the other eight wait in the stream").isEqualTo(10);
        recorder.release.countDown();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
    }

    @Test
    void runsNHandlersOfOneServiceAtOnceWhenConfigured() {
        Recorder recorder = new Recorder();
        RedisRpcServer server = closeLater(serverBuilder().options(ServerOptions.builder().concurrency("work", 4).build()).build());
        server.register(recorder.service(true));
        server.start();
        List<CompletableFuture<Step>> calls = callSteps(startedClient(), 6);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(recorder.running).hasValue(4));
        assertThat(recorder.maxRunning).as("never more than the configured 4").hasValue(4);
        recorder.release.countDown();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(recorder.started).hasSize(6);
    }

    @Test
    void runsHandlersOnASuppliedExecutor() {
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> new Thread(runnable, "app-handler"));
        try {
            AtomicReference<String> thread = new AtomicReference<>();
            RedisRpcServer server = closeLater(serverBuilder().options(ServerOptions.builder().handlerExecutor(executor).build()).build());
            server.register(ServiceDefinition.builder("work").request("step", Step.class, Step.class, step -> {
                thread.set(Thread.currentThread().getName());
                return step;
            }).build());
            server.start();
            assertThat(startedClient().call("work", "step", new Step(1), Step.class)).isEqualTo(new Step(1));
            assertThat(thread.get()).isEqualTo("app-handler");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aDirectExecutorRunsHandlersOnTheThreadThatReadTheirEntries() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        RedisRpcServer server = closeLater(serverBuilder().options(ServerOptions.builder().handlerExecutor(Runnable::run).build()).build());
        server.register(ServiceDefinition.builder("work").request("step", Step.class, Step.class, step -> {
            threads.add(Thread.currentThread().getName());
            return step;
        }).build());
        server.start();
        List<CompletableFuture<Step>> calls = callSteps(startedClient(), 50);
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(calls.stream().map(CompletableFuture::join).map(Step::n).toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).boxed().toList());
        assertThat(threads).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("lettuce-"));
    }

    @Test
    void runsHandlersOnVirtualThreadsWhenAskedAndAvailable() {
        AtomicReference<Boolean> virtual = new AtomicReference<>();
        RedisRpcServer server = closeLater(serverBuilder().options(ServerOptions.builder().virtualThreads(true).build()).build());
        server.register(ServiceDefinition.builder("work").request("step", Step.class, Step.class, step -> {
            virtual.set(isVirtual(Thread.currentThread()));
            return step;
        }).build());
        server.start();
        startedClient().call("work", "step", new Step(1), Step.class);
        assertThat(virtual.get()).isEqualTo(Runtime.version().feature() >= 21);
    }

    private static boolean isVirtual(Thread thread) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
