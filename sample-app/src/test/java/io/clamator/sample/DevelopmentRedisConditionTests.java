package io.clamator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.test.redis.TestRedisServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The development run starts no Redis of its own when the application names one in any way clamator reads. */
class DevelopmentRedisConditionTests {

    @ParameterizedTest
    @ValueSource(strings = {"spring.data.redis.url=redis://redis.internal:6379", "spring.data.redis.host=redis.internal",
            "spring.data.redis.port=6380", "spring.data.redis.sentinel.master=mymaster",
            "spring.data.redis.cluster.nodes=redis.internal:7000", "spring.data.redis.masterreplica.nodes=redis.internal:6379",
            "clamator.redis.url=redis://redis.internal:6379", "clamator.redis.cluster.nodes=redis.internal:7000",
            "REDIS_URL=redis://redis.internal:6379"})
    void aRedisNamedAnywhereIsLeftToTheApplication(String setting) {
        new ApplicationContextRunner().withUserConfiguration(DevelopmentRedis.class).withPropertyValues(setting)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TestRedisServer.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spring.data.redis.timeout=5s", "spring.data.redis.client-name=sample", "clamator.key-prefix=sample"})
    void settingsThatNameNoRedisStartTheDevelopmentOne(String setting) {
        new ApplicationContextRunner().withUserConfiguration(DevelopmentRedis.class).withPropertyValues(setting)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TestRedisServer.class));
    }
}
