package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.HeldArithService;
import io.clamator.transport.redis.RedisServiceStreams.ConsumerRemoval;
import io.clamator.transport.redis.RedisServiceStreams.ServiceStream;
import io.lettuce.core.Consumer;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every service's command stream on a key prefix, whoever serves it, and the removal of idle consumers. */
class RedisServiceStreamsTest extends RedisTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final HeldArithService arith = new HeldArithService();

    @AfterEach
    void releaseHandlers() {
        arith.release();
    }

    private RedisServiceStreams streams() {
        return serviceStreams(prefix);
    }

    /** A service served by another process: its group, one consumer with one entry pending, one entry waiting. */
    private void foreignService(String service) {
        String stream = commands(service);
        redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "$"), service, XGroupCreateArgs.Builder.mkstream());
        redis.xadd(stream, Map.of("type", "rpc", "envelope", "{}"));
        redis.xreadgroup(Consumer.from(service, service + ":py-1"), XReadArgs.StreamOffset.lastConsumed(stream));
        redis.xadd(stream, Map.of("type", "rpc", "envelope", "{}"));
    }

    @Test
    void everyServiceOnThePrefixIsListedWithItsFiguresAndConsumers() {
        RedisRpcServer server = closeLater(serverBuilder().build());
        server.register(Arith.class, arith);
        server.start();
        foreignService("billing");
        redis.xadd(commands("unserved"), Map.of("type", "rpc", "envelope", "{}"));
        redis.xadd("other:cmds:elsewhere", Map.of("type", "rpc", "envelope", "{}"));
        redis.set(prefix + ":cmds:not-a-stream", "x");

        List<ServiceStream> listed = streams().list();

        assertThat(listed).extracting(ServiceStream::service).containsExactly("arith", "billing", "unserved");
        ServiceStream billing = listed.get(1);
        assertThat(billing.stream()).isEqualTo(commands("billing"));
        assertThat(billing.length()).isEqualTo(2);
        assertThat(billing.pending()).isEqualTo(1);
        assertThat(billing.lag()).isEqualTo(1);
        assertThat(billing.groupExists()).isTrue();
        assertThat(billing.consumers()).singleElement().satisfies(consumer -> {
            assertThat(consumer.name()).isEqualTo("billing:py-1");
            assertThat(consumer.pending()).isEqualTo(1);
        });
        assertThat(listed.get(0).consumers()).extracting(RedisServiceStreams.GroupConsumer::name)
                .contains("arith:" + server.instanceId());
        ServiceStream unserved = listed.get(2);
        assertThat(unserved.groupExists()).isFalse();
        assertThat(unserved.lag()).as("nothing delivered to anyone").isEqualTo(1);
    }

    @Test
    void aKeyPrefixIsMatchedLiterallyNotAsAPattern() {
        assertThat(RedisServiceStreams.glob("a*b?[c]\\")).isEqualTo("a\\*b\\?\\[c\\]\\\\");
        redis.xadd(prefix + "x:cmds:lookalike", Map.of("type", "rpc", "envelope", "{}"));
        assertThat(serviceStreams(prefix + "*").list()).isEmpty();
    }

    @Test
    void onlyAConsumerWithNothingPendingAndIdleLongEnoughIsRemoved() {
        foreignService("billing");
        redis.xgroupCreateconsumer(commands("billing"), Consumer.from("billing", "billing:gone"));
        RedisServiceStreams streams = streams();

        assertThat(streams.removeIdleConsumer("billing", "billing:py-1", Duration.ZERO)).isEqualTo(ConsumerRemoval.PENDING);
        assertThat(streams.removeIdleConsumer("billing", "billing:gone", Duration.ofHours(1))).isEqualTo(ConsumerRemoval.ACTIVE);
        assertThat(streams.removeIdleConsumer("billing", "billing:nobody", Duration.ZERO)).isEqualTo(ConsumerRemoval.UNKNOWN);
        assertThat(streams.removeIdleConsumer("nothing", "nothing:x", Duration.ZERO)).isEqualTo(ConsumerRemoval.UNKNOWN);
        await().atMost(WAIT).until(() -> streams.removeIdleConsumer("billing", "billing:gone", Duration.ofMillis(20))
                == ConsumerRemoval.REMOVED);
        assertThat(streams.list().get(0).consumers()).extracting(RedisServiceStreams.GroupConsumer::name).containsExactly("billing:py-1");
    }
}
