package io.clamator.sample.docs.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.client.ClientOptions;
import io.clamator.metrics.ClamatorMeters;
import io.clamator.metrics.ClamatorMetrics;
import io.clamator.observation.ClamatorObservations;
import io.clamator.observation.ClamatorServerContext;
import io.clamator.observation.ClamatorServerObservationConvention;
import io.clamator.observation.DefaultClamatorServerObservationConvention;
import io.clamator.sample.docs.core.Arith;
import io.clamator.sample.docs.core.ArithService;
import io.clamator.server.ServerOptions;
import io.clamator.test.redis.TestRedis;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcClient;
import io.clamator.transport.memory.MemoryRpcServer;
import io.clamator.transport.redis.RedisRpcClient;
import io.clamator.transport.redis.RedisRpcServer;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The examples of docs/observability.md. */
class ObservabilityExamplesTests {

    private final String redisUrl = TestRedis.shared().url();
    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    private final ObservationRegistry observationRegistry = ObservationRegistry.create();

    ObservabilityExamplesTests() {
        observationRegistry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Conventions {

        @Bean
        ClamatorServerObservationConvention teamTag() {
            return new DefaultClamatorServerObservationConvention() {
                @Override
                public KeyValues getLowCardinalityKeyValues(ClamatorServerContext context) {
                    return super.getLowCardinalityKeyValues(context).and("team", "payments");
                }
            };
        }
    }

    @Test
    void plainJavaClientsAndServersObserveThroughARegistry() {
        ClamatorObservations observations = ClamatorObservations.of(observationRegistry);
        RedisRpcServer server = RedisRpcServer.builder()
                .redisUri(redisUrl).keyPrefix("shop")
                .options(ServerOptions.builder().observations(observations).build())
                .build();
        RedisRpcClient client = RedisRpcClient.builder()
                .redisUri(redisUrl).keyPrefix("shop")
                .options(ClientOptions.defaults().withObservations(observations))
                .build();
        server.register(Arith.class, new ArithService());
        server.start();
        client.start();
        try {
            assertThat(client.proxy(Arith.class).add(new Arith.AddParams(2, 3)).sum()).isEqualTo(5);
            await().atMost(Duration.ofSeconds(30)).until(() -> stopped.size() == 2);
            assertThat(stopped).extracting(Observation.Context::getName).containsExactlyInAnyOrder("rpc.client.call", "rpc.server.call");
        } finally {
            client.stop();
            server.stop();
        }
    }

    @Test
    void plainJavaClientsAndServersRecordMetricsInARegistry() {
        SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
        ClamatorMetrics metrics = ClamatorMetrics.of(meterRegistry);
        RedisRpcServer server = RedisRpcServer.builder()
                .redisUri(redisUrl).keyPrefix("shop")
                .options(ServerOptions.builder().metrics(metrics).build())
                .streamMetricsInterval(Duration.ofSeconds(5))
                .build();
        RedisRpcClient client = RedisRpcClient.builder()
                .redisUri(redisUrl).keyPrefix("shop")
                .options(ClientOptions.defaults().withMetrics(metrics))
                .build();
        server.register(Arith.class, new ArithService());
        server.start();
        client.start();
        try {
            client.proxy(Arith.class).add(new Arith.AddParams(2, 3));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    meterRegistry.get(ClamatorMeters.STREAM_LENGTH).tag(ClamatorMeters.SERVICE, "arith").gauge().value() >= 0);
            assertThat(meterRegistry.get(ClamatorMeters.HANDLERS_ACTIVE).gauge().value()).isZero();
        } finally {
            client.stop();
            server.stop();
        }
    }

    @Test
    void theConventionBeanAddsItsTag() {
        MemoryBus bus = new MemoryBus();
        ClamatorObservations observations = ClamatorObservations.of(observationRegistry).withServerConvention(new Conventions().teamTag());
        MemoryRpcServer server = new MemoryRpcServer(bus, "shop", ServerOptions.builder().observations(observations).build());
        server.register(Arith.class, new ArithService());
        server.start();
        MemoryRpcClient client = new MemoryRpcClient(bus, "shop", ClientOptions.defaults());
        client.start();
        try {
            client.proxy(Arith.class).add(new Arith.AddParams(2, 3));
            await().atMost(Duration.ofSeconds(30)).until(() -> !stopped.isEmpty());
            assertThat(stopped.get(0).getLowCardinalityKeyValue("team").getValue()).isEqualTo("payments");
        } finally {
            client.stop();
            server.stop();
        }
    }
}
