package io.clamator.boot.autoconfigure;

import io.clamator.boot.autoconfigure.client.ClientOptionsCustomizer;
import io.clamator.boot.autoconfigure.server.ServerOptionsBuilderCustomizer;
import io.clamator.client.ClientOptions;
import io.clamator.json.ClamatorJson;
import io.clamator.metrics.ClamatorMetrics;
import io.clamator.observation.ClamatorObservations;
import io.clamator.server.BeanValidationPayloadValidator;
import io.clamator.server.PayloadValidator;
import io.clamator.server.ServerOptions;
import jakarta.validation.Validator;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the settings every clamator transport shares: the {@code clamator.*} properties, the JSON
 * mapping (on top of the application's {@link JsonMapper} when it has one), payload validation
 * (with the application's Bean Validation {@link Validator} when it has one), and the server
 * and client options. The server's handlers run on an executor of their own
 * ({@code clamatorHandlerExecutor}: a pool of daemon threads that grows with the calls in flight
 * and reuses its threads, or a virtual thread per call when {@code spring.threads.virtual.enabled}),
 * whose calls in flight the server itself bounds.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration"})
@ConditionalOnClass(ClamatorJson.class)
@EnableConfigurationProperties(ClamatorProperties.class)
public final class ClamatorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClamatorJson clamatorJson(ClamatorProperties properties, ObjectProvider<JsonMapper> jsonMapper) {
        ClamatorJson.Builder builder = ClamatorJson.builder()
                .strictUnknownFields(properties.getJson().isStrictUnknownFields());
        jsonMapper.ifUnique(builder::baseMapper);
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    ClientOptions clamatorClientOptions(ClamatorJson json, ClamatorProperties properties, ObjectProvider<ClamatorObservations> observations,
            ObjectProvider<ClamatorMetrics> metrics, ObjectProvider<ClientOptionsCustomizer> customizers) {
        ClientOptions options = new ClientOptions(json, properties.getClient().getDefaultTimeout())
                .withMaxPayloadBytes(Math.toIntExact(properties.getClient().getMaxPayloadSize().toBytes()))
                .withObservations(observations.getIfAvailable(ClamatorObservations::none))
                .withMetrics(metrics.getIfAvailable(ClamatorMetrics::none));
        for (ClientOptionsCustomizer customizer : customizers.orderedStream().toList()) {
            options = customizer.customize(options);
        }
        return options;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "clamator.server.enabled", matchIfMissing = true)
    static class ServerOptionsConfiguration {

        /** The name of the executor clamator's handlers run on. */
        static final String HANDLER_EXECUTOR = "clamatorHandlerExecutor";

        private static final String HANDLER_THREAD_PREFIX = "clamator-handler-";

        /**
         * A pool of daemon platform threads that grows with the calls in flight and keeps idle
         * threads for a minute: a new platform thread per call would cost more than the rest of the
         * call. Shut down with the context without waiting: the server has already waited for its
         * handlers, within its grace period. Not a candidate for injection by type: the
         * application's own executors stay the default ones.
         */
        @Bean(name = HANDLER_EXECUTOR, defaultCandidate = false, destroyMethod = "shutdown")
        @ConditionalOnMissingBean(name = HANDLER_EXECUTOR)
        @ConditionalOnThreading(Threading.PLATFORM)
        ThreadPoolExecutor clamatorHandlerExecutor() {
            return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    new CustomizableThreadFactory(HANDLER_THREAD_PREFIX) {
                        @Override
                        public Thread newThread(Runnable runnable) {
                            Thread thread = super.newThread(runnable);
                            // a handler that ignores its interrupt at shutdown must not keep the JVM alive
                            thread.setDaemon(true);
                            return thread;
                        }
                    });
        }

        /** A virtual thread per call, with {@code spring.threads.virtual.enabled}. */
        @Bean(name = HANDLER_EXECUTOR, defaultCandidate = false)
        @ConditionalOnMissingBean(name = HANDLER_EXECUTOR)
        @ConditionalOnThreading(Threading.VIRTUAL)
        SimpleAsyncTaskExecutor clamatorVirtualHandlerExecutor() {
            return new SimpleAsyncTaskExecutorBuilder().threadNamePrefix(HANDLER_THREAD_PREFIX).virtualThreads(true).build();
        }

        @Bean
        @ConditionalOnMissingBean
        ServerOptions clamatorServerOptions(ClamatorJson json, ClamatorProperties properties, ObjectProvider<PayloadValidator> validator,
                @Qualifier(HANDLER_EXECUTOR) Executor handlerExecutor, ObjectProvider<ClamatorObservations> observations,
                ObjectProvider<ClamatorMetrics> metrics, ObjectProvider<ServerOptionsBuilderCustomizer> customizers) {
            ClamatorProperties.Server server = properties.getServer();
            ServerOptions.Builder builder = ServerOptions.builder()
                    .json(json)
                    .exposeErrorMessages(server.isExposeErrorMessages())
                    .handlerExecutor(handlerExecutor)
                    .concurrency(server.getConcurrency())
                    .shutdownGrace(server.getShutdownGrace())
                    .handlerTimeout(server.getHandlerTimeout())
                    .maxPayloadBytes(Math.toIntExact(server.getMaxPayloadSize().toBytes()))
                    .observations(observations.getIfAvailable(ClamatorObservations::none))
                    .metrics(metrics.getIfAvailable(ClamatorMetrics::none));
            server.getServices().forEach((service, settings) -> {
                if (settings.getConcurrency() != null) {
                    builder.concurrency(service, settings.getConcurrency());
                }
                if (settings.getHandlerTimeout() != null) {
                    builder.handlerTimeout(service, settings.getHandlerTimeout());
                }
            });
            validator.ifUnique(builder::validator);
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            return builder.build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Validator.class)
    @ConditionalOnBooleanProperty(name = "clamator.server.enabled", matchIfMissing = true)
    static class BeanValidationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(Validator.class)
        PayloadValidator clamatorPayloadValidator(Validator validator) {
            return new BeanValidationPayloadValidator(validator);
        }
    }
}
