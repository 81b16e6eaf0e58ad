package io.clamator.boot.autoconfigure;

import io.clamator.boot.autoconfigure.server.ClamatorHandlerExecutor;
import io.clamator.client.ClientOptions;
import io.clamator.json.ClamatorJson;
import io.clamator.server.BeanValidationPayloadValidator;
import io.clamator.server.PayloadValidator;
import io.clamator.server.ServerOptions;
import jakarta.validation.Validator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the settings every clamator transport shares: the {@code clamator.*} properties, the JSON
 * mapping (on top of the application's {@link JsonMapper} when it has one), payload validation
 * (with the application's Bean Validation {@link Validator} when it has one), and the server
 * and client options.
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
    ClientOptions clamatorClientOptions(ClamatorJson json, ClamatorProperties properties) {
        return new ClientOptions(json, properties.getClient().getDefaultTimeout());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "clamator.server.enabled", matchIfMissing = true)
    static class ServerOptionsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ClamatorHandlerExecutor clamatorHandlerExecutor(Environment environment) {
            return ClamatorHandlerExecutor.create(Threading.VIRTUAL.isActive(environment));
        }

        @Bean
        @ConditionalOnMissingBean
        ServerOptions clamatorServerOptions(ClamatorJson json, ClamatorProperties properties,
                ObjectProvider<PayloadValidator> validator, ClamatorHandlerExecutor handlerExecutor) {
            ServerOptions.Builder builder = ServerOptions.builder()
                    .json(json)
                    .exposeErrorMessages(properties.getServer().isExposeErrorMessages())
                    .handlerExecutor(handlerExecutor)
                    .virtualThreads(handlerExecutor.usesVirtualThreads());
            validator.ifUnique(builder::validator);
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
