package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.testing.LogCapture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A caller learns why nothing answers: the stream its calls went to, and whether anything ever served it there. */
class RedisUnansweredCallsTest extends RedisTestSupport {

    @Test
    void aCallToAServiceNeverServedUnderTheKeyPrefixSaysSoOnceAndInItsTimeout() {
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofMillis(300)).build());
        client.start();
        try (LogCapture logs = LogCapture.of(ServiceGroupCheck.class)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThatThrownBy(() -> client.call("pricing", "quote", null, Object.class))
                    .isInstanceOf(ClamatorTimeoutException.class)
                    .hasMessage("call timeout: no reply to pricing.quote within 300 ms (stream " + commands("pricing")
                            + " had no consumer group: nothing has served \"pricing\" under key prefix \"" + prefix + "\")"));
            assertThatThrownBy(() -> client.call("pricing", "quote", null, Object.class)).isInstanceOf(ClamatorTimeoutException.class);
            assertThat(logs.at(Level.WARN)).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                    .isEqualTo("no consumer group on stream " + commands("pricing") + ": nothing has ever served service \"pricing\""
                            + " under key prefix \"" + prefix + "\"; calls to it wait in the stream and time out (do the service and"
                            + " its callers use the same key prefix?)"));
        }
    }

    @Test
    void aCallToAServedServiceThatTimesOutNamesItsStream() {
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, new ArithService());
        server.start();
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofMillis(300)).build());
        client.start();
        try (LogCapture logs = LogCapture.of(ServiceGroupCheck.class)) {
            assertThat(client.proxy(Arith.class).add(new Arith.AddParams(1, 1)).sum()).isEqualTo(2);
            assertThatThrownBy(() -> client.call("arith", "slowAdd", new Arith.SlowAddParams(1, 1, 2000), Arith.AddResult.class))
                    .isInstanceOf(ClamatorTimeoutException.class)
                    .hasMessage("call timeout: no reply to arith.slowAdd within 300 ms (stream " + commands("arith") + ")");
            assertThat(logs.at(Level.WARN)).isEmpty();
        }
    }

    @Test
    void onceAServerStartsTheTimeoutsStopSayingNothingServesTheService() {
        RedisRpcClient client = closeLater(clientBuilder().defaultTimeout(Duration.ofMillis(300)).build());
        client.start();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThatThrownBy(() -> client.call("arith", "add", null, Object.class))
                .hasMessageContaining("had no consumer group"));
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, new ArithService() {
            @Override
            public AddResult add(AddParams params) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.add(params);
            }
        });
        server.start();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThatThrownBy(() -> client.call("arith", "add", new Arith.AddParams(1, 1), Arith.AddResult.class))
                        .hasMessageEndingWith("(stream " + commands("arith") + ")"));
    }
}
