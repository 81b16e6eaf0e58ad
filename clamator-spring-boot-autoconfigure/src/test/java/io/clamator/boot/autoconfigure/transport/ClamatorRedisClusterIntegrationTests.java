package io.clamator.boot.autoconfigure.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.endpoint.ClamatorEndpoint;
import io.clamator.boot.autoconfigure.endpoint.ClamatorEndpointAutoConfiguration;
import io.clamator.boot.autoconfigure.fixtures.Arith;
import io.clamator.boot.autoconfigure.fixtures.ServedArith;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.server.ClamatorServerLifecycle;
import io.clamator.test.redis.TestRedis;
import io.clamator.transport.redis.RedisServiceStreams;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Applications calling each other through a real Redis Cluster, wired from {@code spring.data.redis.cluster.nodes}. */
@Tag("cluster")
class ClamatorRedisClusterIntegrationTests {

    private final String nodes = String.join(",", TestRedis.sharedCluster().urls()).replace("redis://", "");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("clamator.redis.server.block-time=200ms", "management.endpoints.web.exposure.include=clamator")
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class,
                    ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class,
                    ClamatorEndpointAutoConfiguration.class));

    @Test
    void applicationsOnTheApplicationsRedisClusterCallEachOtherAndTheEndpointReadsTheServiceStreams() {
        String keyPrefix = "boot-cluster-" + UUID.randomUUID();
        callsAcrossTheCluster(runner.withPropertyValues("spring.data.redis.cluster.nodes=" + nodes, "clamator.key-prefix=" + keyPrefix),
                keyPrefix);
    }

    @Test
    void applicationsOnAClusterOfTheirOwnWithAHashTaggedKeyPrefixCallEachOther() {
        String keyPrefix = "{boot-cluster-" + UUID.randomUUID() + "}";
        callsAcrossTheCluster(runner.withPropertyValues("clamator.redis.cluster.nodes=" + nodes, "clamator.key-prefix=" + keyPrefix),
                keyPrefix);
    }

    private static void callsAcrossTheCluster(ApplicationContextRunner onCluster, String keyPrefix) {
        onCluster.withUserConfiguration(ServedArith.class).run(served -> {
            assertThat(served).hasNotFailed();
            assertThat(served.getBean(ClamatorRedisConnection.class).isCluster()).isTrue();
            assertThat(served.getBean(ClamatorServerLifecycle.class).server().toString()).contains("at Redis Cluster redis://");
            onCluster.withPropertyValues("clamator.server.enabled=false").withUserConfiguration(CallsArith.class).run(calling -> {
                Arith arith = calling.getBean(CallsArith.class).arith;
                for (int i = 0; i < 20; i++) {
                    assertThat(arith.add(new Arith.AddParams(i, 1)).sum()).isEqualTo(i + 1);
                }
            });
            ClamatorEndpoint.KeyPrefixDescriptor described = served.getBean(ClamatorEndpoint.class).keyPrefix(keyPrefix);
            assertThat(described.services()).singleElement().satisfies(service -> {
                assertThat(service.service()).isEqualTo("arith");
                assertThat(service.pending()).isZero();
                assertThat(service.consumers()).extracting(RedisServiceStreams.GroupConsumer::name).singleElement()
                        .satisfies(name -> assertThat(name).startsWith("arith:"));
            });
            assertThat(described.deadLetters()).isZero();
        });
    }

    static class CallsArith {

        @ClamatorClient
        Arith arith;
    }
}
