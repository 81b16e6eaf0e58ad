package io.clamator.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.autoconfigure.client.ClientOptionsCustomizer;
import io.clamator.boot.autoconfigure.server.ServerOptionsBuilderCustomizer;
import io.clamator.client.ClientOptions;
import io.clamator.json.ClamatorJson;
import io.clamator.server.BeanValidationPayloadValidator;
import io.clamator.server.PayloadValidator;
import io.clamator.server.ServerOptions;
import io.clamator.server.Violation;
import java.time.Duration;
import io.clamator.testing.LogCapture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.validation.FieldError;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
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
            assertThat(server.getShutdownGrace()).isEqualTo(Duration.ofSeconds(5));
            assertThat(server.getConcurrency()).isEqualTo(1);
            assertThat(server.getMaxPayloadSize()).isEqualTo(DataSize.ofMegabytes(1));
            assertThat(server.isExposeErrorMessages()).isTrue();
            assertThat(server.getServices()).isEmpty();
            assertThat(properties.getJson().isStrictUnknownFields()).isFalse();
            assertThat(properties.getClient().getDefaultTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.getBackends()).isEmpty();
            ClamatorProperties.Redis redis = properties.getRedis();
            assertThat(redis.getUrl()).isNull();
            assertThat(redis.getCommandTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(redis.isFlushConsolidation()).isTrue();
            assertThat(redis.getServer().getBatchSize()).isEqualTo(16);
            assertThat(redis.getServer().getBlockTime()).isEqualTo(Duration.ofSeconds(1));
            assertThat(redis.getServer().getClaimIdle()).isEqualTo(Duration.ofSeconds(60));
            assertThat(redis.getServer().getReplyStreamMaxLen()).isEqualTo(1024);
            assertThat(redis.getClient().getBlockTime()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    @Test
    void bindsEveryProperty() {
        runner.withPropertyValues("clamator.transport=memory", "clamator.key-prefix=shop", "clamator.instance-id=shop-1",
                "clamator.test-profiles=it,local", "clamator.server.enabled=false", "clamator.redis.server.batch-size=32",
                "clamator.redis.server.block-time=250ms", "clamator.redis.server.claim-idle=2m", "clamator.server.shutdown-grace=10s",
                "clamator.redis.server.reply-stream-max-len=100", "clamator.server.concurrency=4",
                "clamator.redis.server.prefetch=3", "clamator.redis.server.keep-handled-entries=true",
                "clamator.redis.server.consumer-idle-timeout=30m", "clamator.redis.reply-stream-ttl=90s",
                "clamator.redis.server.max-deliveries=3",
                "clamator.server.handler-timeout=20s", "clamator.server.services.arith.handler-timeout=2s",
                "clamator.redis.command-timeout=3s", "clamator.redis.flush-consolidation=false", "clamator.redis.client.block-time=2s",
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
                    assertThat(server.getShutdownGrace()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(server.getConcurrency()).isEqualTo(4);
                    ClamatorProperties.Redis redis = properties.getRedis();
                    assertThat(redis.getServer().getBatchSize()).isEqualTo(32);
                    assertThat(redis.getServer().getBlockTime()).isEqualTo(Duration.ofMillis(250));
                    assertThat(redis.getServer().getClaimIdle()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(redis.getServer().getReplyStreamMaxLen()).isEqualTo(100);
                    assertThat(redis.getServer().getPrefetch()).isEqualTo(3);
                    assertThat(redis.getServer().isKeepHandledEntries()).isTrue();
                    assertThat(redis.getServer().getConsumerIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
                    assertThat(redis.getReplyStreamTtl()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(redis.getServer().getMaxDeliveries()).isEqualTo(3);
                    assertThat(server.getHandlerTimeout()).isEqualTo(Duration.ofSeconds(20));
                    assertThat(server.getServices().get("arith").getHandlerTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(redis.getCommandTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(redis.isFlushConsolidation()).isFalse();
                    assertThat(redis.getClient().getBlockTime()).isEqualTo(Duration.ofSeconds(2));
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
    @SuppressWarnings("deprecation")
    void theRedisServerSettingsKeepWorkingUnderTheirFormerNamesWithAWarning() {
        try (LogCapture logs = LogCapture.of(ClamatorProperties.class)) {
            runner.withPropertyValues("clamator.server.batch-size=32", "clamator.server.block-time=250ms",
                    "clamator.server.claim-idle=2m", "clamator.server.reply-stream-max-len=100").run(context -> {
                        ClamatorProperties.Redis.Server redis = context.getBean(ClamatorProperties.class).getRedis().getServer();
                        assertThat(redis.getBatchSize()).isEqualTo(32);
                        assertThat(redis.getBlockTime()).isEqualTo(Duration.ofMillis(250));
                        assertThat(redis.getClaimIdle()).isEqualTo(Duration.ofMinutes(2));
                        assertThat(redis.getReplyStreamMaxLen()).isEqualTo(100);
                        assertThat(context.getBean(ClamatorProperties.class).getServer().getBatchSize()).isEqualTo(32);
                    });
            assertThat(logs.messages()).contains("clamator.server.batch-size is deprecated: use clamator.redis.server.batch-size",
                    "clamator.server.claim-idle is deprecated: use clamator.redis.server.claim-idle");
        }
    }

    @Test
    void aSettingGivenUnderBothItsNameAndItsFormerNameFailsTheStartup() {
        runner.withPropertyValues("clamator.server.batch-size=32", "clamator.redis.server.batch-size=8",
                "clamator.server.claim-idle=2m").run(context -> {
                    assertThat(context).hasFailed();
                    BindValidationException validation = findCause(context.getStartupFailure(), BindValidationException.class);
                    assertThat(validation.getValidationErrors().getAllErrors()).map(error -> ((FieldError) error).getField()
                            + ": " + error.getDefaultMessage()).containsExactly("redis.server.batchSize: is set, and so is its deprecated"
                                    + " former name clamator.server.batch-size: remove the former");
                });
    }

    @Test
    void aBadValueUnderAFormerNameIsReportedUnderTheNameItWasGiven() {
        runner.withPropertyValues("clamator.server.block-time=0s", "clamator.redis.server.claim-idle=0s").run(context -> {
            assertThat(context).hasFailed();
            BindValidationException validation = findCause(context.getStartupFailure(), BindValidationException.class);
            assertThat(validation.getValidationErrors().getAllErrors()).map(error -> ((FieldError) error).getField())
                    .containsExactly("server.blockTime", "redis.server.claimIdle");
        });
    }

    @Test
    void theFormerNamesAreMarkedDeprecatedInTheMetadataWithTheirReplacement() throws Exception {
        JsonNode metadata;
        try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = JsonMapper.builder().build().readTree(in);
        }
        Map<String, String> replacements = new java.util.TreeMap<>();
        for (JsonNode property : metadata.get("properties")) {
            JsonNode deprecation = property.get("deprecation");
            if (deprecation != null) {
                replacements.put(property.get("name").stringValue(), deprecation.get("replacement").stringValue());
            }
        }
        assertThat(replacements).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                "clamator.server.batch-size", "clamator.redis.server.batch-size",
                "clamator.server.block-time", "clamator.redis.server.block-time",
                "clamator.server.claim-idle", "clamator.redis.server.claim-idle",
                "clamator.server.reply-stream-max-len", "clamator.redis.server.reply-stream-max-len")));
    }

    @Test
    void settingsThatCannotWorkFailTheStartupNamingTheProperty() {
        runner.withPropertyValues("clamator.server.concurrency=0", "clamator.key-prefix= ", "clamator.redis.server.block-time=0s",
                "clamator.server.services.arith.concurrency=-1", "clamator.server.max-payload-size=0B",
                "clamator.server.handler-timeout=0s", "clamator.server.services.pricing.handler-timeout=-1s",
                "clamator.redis.server.prefetch=-1", "clamator.redis.client.block-time=500us").run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    BindValidationException validation = findCause(failure, BindValidationException.class);
                    assertThat(validation.getValidationErrors().getAllErrors()).map(error -> ((FieldError) error).getField()
                            + ": " + error.getDefaultMessage()).containsExactlyInAnyOrder("keyPrefix: must not be blank",
                            "server.concurrency: must be positive", "server.services[arith].concurrency: must be positive",
                            "server.maxPayloadSize: must be between 1B and 2GB", "redis.server.blockTime: must be a duration of at least 1ms",
                            "server.handlerTimeout: must be a duration of at least 1ms",
                            "server.services[pricing].handlerTimeout: must be a duration of at least 1ms",
                            "redis.client.blockTime: must be a duration of at least 1ms",
                            "redis.server.prefetch: must not be negative");
                });
    }

    @Test
    void aDurationTooLongToCountInMillisecondsPassesTheValidation() {
        runner.withPropertyValues("clamator.client.default-timeout=" + Long.MAX_VALUE + "s")
                .run(context -> assertThat(context).hasNotFailed());
    }

    private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
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
                    assertThat(serverOptions.handlerExecutor()).isSameAs(context.getBean("clamatorHandlerExecutor"));
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
                .doesNotHaveBean("clamatorHandlerExecutor")
                .doesNotHaveBean(PayloadValidator.class)
                .hasSingleBean(ClientOptions.class));
    }

    @Test
    void serverOptionsComeFromTheServerPropertiesThenTheCustomizersInOrder() {
        runner.withPropertyValues("clamator.server.concurrency=4", "clamator.server.services.arith.concurrency=8",
                "clamator.server.shutdown-grace=2s", "clamator.server.max-payload-size=64KB",
                "clamator.server.handler-timeout=20s", "clamator.server.services.arith.handler-timeout=2s")
                .withUserConfiguration(OptionsCustomizers.class)
                .run(context -> {
                    ServerOptions options = context.getBean(ServerOptions.class);
                    assertThat(options.concurrencyOf("other")).isEqualTo(4);
                    assertThat(options.concurrencyOf("arith")).isEqualTo(8);
                    assertThat(options.handlerTimeoutOf("other")).isEqualTo(Duration.ofSeconds(20));
                    assertThat(options.handlerTimeoutOf("arith")).isEqualTo(Duration.ofSeconds(2));
                    assertThat(options.shutdownGrace()).as("the later customizer wins").isEqualTo(Duration.ofSeconds(9));
                    assertThat(options.maxPayloadBytes()).isEqualTo(64 * 1024);
                    assertThat(options.concurrencyOf("pricing")).isEqualTo(3);
                });
    }

    @Test
    void handlersRunOnAThreadOfTheirOwnPerCallOnVirtualThreadsWhenEnabledOnJava21() {
        runner.withUserConfiguration(ExecutorConsumer.class).run(context -> {
            Thread handler = threadOf(context.getBean("clamatorHandlerExecutor", Executor.class));
            assertThat(handler.getName()).startsWith("clamator-handler-");
            assertThat(handler.isDaemon()).isTrue();
            assertThat(isVirtual(handler)).isFalse();
            assertThat(context.getBean(ExecutorConsumer.class).executor).as("not injected where an Executor is asked for").isNull();
        });
        boolean virtualThreadsAvailable = Runtime.version().feature() >= 21;
        runner.withPropertyValues("spring.threads.virtual.enabled=true").run(context ->
                assertThat(isVirtual(threadOf(context.getBean("clamatorHandlerExecutor", Executor.class))))
                        .isEqualTo(virtualThreadsAvailable));
    }

    private static Thread threadOf(Executor executor) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        executor.execute(() -> thread.complete(Thread.currentThread()));
        return thread.get(10, TimeUnit.SECONDS);
    }

    private static boolean isVirtual(Thread thread) throws Exception {
        return Runtime.version().feature() >= 21 && (Boolean) Thread.class.getMethod("isVirtual").invoke(thread);
    }

    record Pair(String firstValue, String secondValue) {
    }

    record Bounded(@jakarta.validation.constraints.Min(0) int count) {
    }

    static class ExecutorConsumer {

        @org.springframework.beans.factory.annotation.Autowired(required = false)
        Executor executor;
    }

    @Configuration(proxyBeanMethods = false)
    static class OptionsCustomizers {

        @Bean
        @Order(2)
        ServerOptionsBuilderCustomizer later() {
            return builder -> builder.shutdownGrace(Duration.ofSeconds(9));
        }

        @Bean
        @Order(1)
        ServerOptionsBuilderCustomizer earlier() {
            return builder -> builder.shutdownGrace(Duration.ofSeconds(1)).concurrency("pricing", 3);
        }
    }

    @Test
    void clientOptionsComeFromTheClientPropertiesThenTheCustomizersInOrder() {
        runner.withPropertyValues("clamator.client.default-timeout=4s", "clamator.client.max-payload-size=64KB")
                .withUserConfiguration(ClientCustomizers.class).run(context -> {
                    ClientOptions options = context.getBean(ClientOptions.class);
                    assertThat(options.defaultTimeout()).as("6 s, then one more").isEqualTo(Duration.ofSeconds(7));
                    assertThat(options.callbackExecutor()).isSameAs(ClientCustomizers.CALLBACKS);
                    assertThat(options.maxPayloadBytes()).isEqualTo(64 * 1024);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class ClientCustomizers {

        static final Executor CALLBACKS = Runnable::run;

        @Bean
        @Order(2)
        ClientOptionsCustomizer laterClient() {
            return options -> options.withDefaultTimeout(options.defaultTimeout().plusSeconds(1));
        }

        @Bean
        @Order(1)
        ClientOptionsCustomizer earlierClient() {
            return options -> options.withDefaultTimeout(Duration.ofSeconds(6)).withCallbackExecutor(CALLBACKS);
        }
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
