package io.clamator.sample.docs.config;

import io.clamator.boot.autoconfigure.transport.RedisRpcServerBuilderCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The customizer example of docs/configuration.md. */
@TestConfiguration(proxyBeanMethods = false)
class InstanceIdCustomizer {

    @Bean
    RedisRpcServerBuilderCustomizer podNameAsInstanceId(@Value("${POD_NAME:local}") String podName) {
        return builder -> builder.instanceId(podName);
    }
}
