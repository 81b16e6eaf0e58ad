package io.clamator.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.autoconfigure.server.ClamatorHandlerExecutor;
import io.clamator.client.ClientOptions;
import io.clamator.json.ClamatorJson;
import io.clamator.server.BeanValidationPayloadValidator;
import io.clamator.server.PayloadValidator;
import io.clamator.server.ServerOptions;
import io.clamator.server.Violation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class ClamatorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ClamatorAutoConfiguration.class));

    @Test
    void bindsDefaults() {
        runner.run(context -> {
            ClamatorProperties properties = context.getBean(ClamatorProperties.class);
            assertThat(properties.getTransport()).isNull();
            assertThat(properties.getKeyPrefix()).isEqualTo("clamator");
            assertThat(properties.getInstanceId()).isNull();
            assertThat(properties.getTestProfiles()).containsExactly("test");
            ClamatorProperties.Server server = properties.getServer();
            assertThat(server.isEnabled()).isTrue();
            assertThat(server.getBatchSize()).isEqualTo(16);
            assertThat(server.getBlockTime()).isEqualTo(Duration.ofSeconds(1));
            assertThat(server.getClaimIdle()).isEqualTo(Duration.ofSeconds(60));
            assertThat(server.getShutdownGrace()).isEqualTo(Duration.ofSeconds(5));
            assertThat(server.getReplyStreamMaxLen()).isEqualTo(1024);
            assertThat(server.getConcurrency()).isEqualTo(1);
            assertThat(server.getMaxPayloadSize()).isEqualTo(DataSize.ofMegabytes(1));
            assertThat(server.isExposeErrorMessages()).isTrue();
            assertThat(server.getServices()).isEmpty();
            assertThat(properties.getJson().isStrictUnknownFields()).isFalse();
            assertThat(properties.getClient().getDefaultTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.getBackends()).isEmpty();
            assertThat(properties.getRedis().getUrl()).isNull();
        });
    }

    @Test
    void bindsEveryProperty() {
        runner.withPropertyValues("clamator.transport=memory", "clamator.key-prefix=shop", "clamator.instance-id=shop-1",
                "clamator.test-profiles=it,local", "clamator.server.enabled=false", "clamator.server.batch-size=32",
                "clamator.server.block-time=250ms", "clamator.server.claim-idle=2m", "clamator.server.shutdown-grace=10s",
                "clamator.server.reply-stream-max-len=100", "clamator.server.concurrency=4",
                "clamator.server.services.arith.concurrency=8", "clamator.server.max-payload-size=64KB",
                "clamator.server.expose-error-messages=false", "clamator.json.strict-unknown-fields=true",
                "clamator.client.default-timeout=5s", "clamator.backends.billing.key-prefix=billing-prod",
                "clamator.backends.billing.default-timeout=2s", "clamator.redis.url=redis://other:6380")
                .run(context -> {
                    ClamatorProperties properties = context.getBean(ClamatorProperties.class);
                    assertThat(properties.getTransport()).isEqualTo(ClamatorTransport.MEMORY);
                    assertThat(properties.getKeyPrefix()).isEqualTo("shop");
                    assertThat(properties.getInstanceId()).isEqualTo("shop-1");
                    assertThat(properties.getTestProfiles()).containsExactly("it", "local");
                    ClamatorProperties.Server server = properties.getServer();
                    assertThat(server.isEnabled()).isFalse();
                    assertThat(server.getBatchSize()).isEqualTo(32);
                    assertThat(server.getBlockTime()).isEqualTo(Duration.ofMillis(250));
                    assertThat(server.getClaimIdle()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(server.getShutdownGrace()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(server.getReplyStreamMaxLen()).isEqualTo(100);
                    assertThat(server.getConcurrency()).isEqualTo(4);
                    assertThat(server.getServices().get("arith").getConcurrency()).isEqualTo(8);
                    assertThat(server.getMaxPayloadSize()).isEqualTo(DataSize.ofKilobytes(64));
                    assertThat(server.isExposeErrorMessages()).isFalse();
                    assertThat(properties.getJson().isStrictUnknownFields()).isTrue();
                    assertThat(properties.getClient().getDefaultTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.getBackends().get("billing").getKeyPrefix()).isEqualTo("billing-prod");
                    assertThat(properties.getBackends().get("billing").getDefaultTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.getRedis().getUrl()).isEqualTo("redis://other:6380");
                });
    }

    @Test
    void createsJsonMappingAndOptionsFromProperties() {
        runner.withPropertyValues("clamator.json.strict-unknown-fields=true", "clamator.client.default-timeout=7s",
                "clamator.server.expose-error-messages=false").run(context -> {
                    ClamatorJson json = context.getBean(ClamatorJson.class);
                    assertThat(json.strictUnknownFields()).isTrue();
                    ClientOptions clientOptions = context.getBean(ClientOptions.class);
                    assertThat(clientOptions.json()).isSameAs(json);
                    assertThat(clientOptions.defaultTimeout()).isEqualTo(Duration.ofSeconds(7));
                    ServerOptions serverOptions = context.getBean(ServerOptions.class);
                    assertThat(serverOptions.json()).isSameAs(json);
                    assertThat(serverOptions.exposeErrorMessages()).isFalse();
                    assertThat(serverOptions.handlerExecutor()).isSameAs(context.getBean(ClamatorHandlerExecutor.class));
                });
    }

    @Test
    void buildsOnTheApplicationsJsonMapper() {
        runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE")
                .run(context -> {
                    assertThat(context).hasSingleBean(JsonMapper.class);
                    ClamatorJson json = context.getBean(ClamatorJson.class);
                    assertThat(json.toTree(new Pair("x", null)).toString()).isEqualTo("{\"first_value\":\"x\"}");
                });
    }

    @Test
    void usesJacksonDefaultsWithoutAnApplicationMapper() {
        runner.run(context -> assertThat(context.getBean(ClamatorJson.class).toTree(new Pair("x", null)).toString())
                .isEqualTo("{\"firstValue\":\"x\"}"));
    }

    @Test
    void validatesWithTheApplicationsValidator() {
        runner.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class)).run(context -> {
            assertThat(context).hasSingleBean(PayloadValidator.class);
            assertThat(context.getBean(PayloadValidator.class)).isInstanceOf(BeanValidationPayloadValidator.class);
            assertThat(context.getBean(ServerOptions.class).validator()).isSameAs(context.getBean(PayloadValidator.class));
            List<Violation> violations = context.getBean(PayloadValidator.class).validate(new Bounded(-1));
            assertThat(violations).extracting(Violation::path).containsExactly("count");
        });
    }

    @Test
    void withoutAValidatorBeanServerOptionsDetectBeanValidation() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(PayloadValidator.class);
            assertThat(context.getBean(ServerOptions.class).validator().validate(new Bounded(-1))).hasSize(1);
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesTheBeans() {
        runner.withUserConfiguration(CustomBeans.class).run(context -> {
            assertThat(context.getBean(ClamatorJson.class)).isSameAs(context.getBean(CustomBeans.class).json);
            assertThat(context.getBean(ClientOptions.class).defaultTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(context.getBean(ServerOptions.class).exposeErrorMessages()).isFalse();
            assertThat(context).hasSingleBean(ClamatorJson.class).hasSingleBean(ClientOptions.class)
                    .hasSingleBean(ServerOptions.class);
        });
    }

    @Test
    void serverOptionsAndHandlerExecutorAreLeftOutWhenTheServerIsDisabled() {
        runner.withPropertyValues("clamator.server.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(ServerOptions.class)
                .doesNotHaveBean(ClamatorHandlerExecutor.class)
                .doesNotHaveBean(PayloadValidator.class)
                .hasSingleBean(ClientOptions.class));
    }

    @Test
    void handlersRunOnPlatformThreadsUnlessVirtualThreadsAreEnabledOnJava21() {
        runner.run(context -> assertThat(context.getBean(ClamatorHandlerExecutor.class).usesVirtualThreads()).isFalse());
        boolean virtualThreadsAvailable = Runtime.version().feature() >= 21;
        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context -> {
            assertThat(context.getBean(ClamatorHandlerExecutor.class).usesVirtualThreads()).isEqualTo(virtualThreadsAvailable);
            assertThat(context.getBean(ServerOptions.class).virtualThreads()).isEqualTo(virtualThreadsAvailable);
        });
    }

    record Pair(String firstValue, String secondValue) {
    }

    record Bounded(@jakarta.validation.constraints.Min(0) int count) {
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomBeans {

        final ClamatorJson json = ClamatorJson.defaults();

        @Bean
        ClamatorJson customJson() {
            return json;
        }

        @Bean
        ClientOptions customClientOptions() {
            return new ClientOptions(json, Duration.ofSeconds(3));
        }

        @Bean
        ServerOptions customServerOptions() {
            return ServerOptions.builder().json(json).exposeErrorMessages(false).build();
        }
    }
}
