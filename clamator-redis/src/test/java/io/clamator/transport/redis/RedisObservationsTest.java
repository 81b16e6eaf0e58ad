package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.client.ClientOptions;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.observation.ClamatorClientContext;
import io.clamator.observation.ClamatorObservations;
import io.clamator.observation.ClamatorServerContext;
import io.clamator.server.ServerOptions;
import io.clamator.testing.StoppedObservations;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Redis transport's calls are observed on both sides, under its key prefix. */
class RedisObservationsTest extends RedisTestSupport {

    @Test
    void aCallOverRedisIsObservedByTheClientAndTheServer() {
        ObservationRegistry registry = ObservationRegistry.create();
        StoppedObservations stopped = StoppedObservations.on(registry);
        ClamatorObservations observations = ClamatorObservations.of(registry);
        RedisRpcServer server = closeLater(serverBuilder().options(ServerOptions.builder().observations(observations).build()).build());
        server.register(Arith.class, new ArithService());
        server.start();
        RedisRpcClient client = closeLater(clientBuilder().options(ClientOptions.defaults().withObservations(observations)).build());
        client.start();

        assertThat(client.proxy(Arith.class).add(new Arith.AddParams(2, 3)).sum()).isEqualTo(5);

        await().atMost(Duration.ofSeconds(30)).until(() -> stopped.contexts().size() == 2);
        assertThat(stopped.contexts()).hasAtLeastOneElementOfType(ClamatorClientContext.class).hasAtLeastOneElementOfType(ClamatorServerContext.class)
                .allSatisfy(context -> {
                    assertThat(context.getContextualName()).isEqualTo("arith/add");
                    assertThat(context.getLowCardinalityKeyValue("clamator.key_prefix").getValue()).isEqualTo(server.keyPrefix());
                    assertThat(context.getLowCardinalityKeyValue("clamator.outcome").getValue()).isEqualTo("success");
                });
    }
}
