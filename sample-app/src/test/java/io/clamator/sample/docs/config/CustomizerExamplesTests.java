package io.clamator.sample.docs.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.server.RpcServerFactory;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration;
import io.clamator.transport.redis.RedisRpcServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The customizer of docs/configuration.md changes the servers the context makes. */
class CustomizerExamplesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class))
            .withUserConfiguration(InstanceIdCustomizer.class);

    @Test
    void theServersOfTheContextTakeThePodNameAsInstanceId() {
        runner.withPropertyValues("POD_NAME=orders-7d9f", "clamator.instance-id=from-properties").run(context ->
                assertThat(((RedisRpcServer) context.getBean(RpcServerFactory.class).create()).instanceId()).isEqualTo("orders-7d9f"));
    }
}
