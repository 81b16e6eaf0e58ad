package io.clamator.boot.autoconfigure.observation;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.ClamatorProperties;
import io.clamator.observation.ClamatorClientObservationConvention;
import io.clamator.observation.ClamatorObservations;
import io.clamator.observation.ClamatorServerObservationConvention;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Observes every clamator call, notification and handling through the application's
 * {@link ObservationRegistry} (Spring Boot's, with Actuator), named and tagged by the
 * application's {@link ClamatorClientObservationConvention} and
 * {@link ClamatorServerObservationConvention} beans when it has them.
 */
@AutoConfiguration(before = ClamatorAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ClamatorObservations.class, ObservationRegistry.class})
@ConditionalOnBean(ObservationRegistry.class)
@EnableConfigurationProperties(ClamatorProperties.class)
public final class ClamatorObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClamatorObservations clamatorObservations(ObservationRegistry registry,
            ObjectProvider<ClamatorClientObservationConvention> clientConvention,
            ObjectProvider<ClamatorServerObservationConvention> serverConvention) {
        return new ClamatorObservations(registry, clientConvention.getIfUnique(), serverConvention.getIfUnique());
    }

    /** Where Lettuce's commands are observed (Spring Boot's Lettuce observation), clamator's blocking reads are not. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.lettuce.core.tracing.LettuceObservationContext")
    @ConditionalOnBooleanProperty(name = "clamator.observations.ignore-blocking-reads", matchIfMissing = true)
    static class BlockingReadsConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "clamatorBlockingReadsObservationPredicate")
        ObservationPredicate clamatorBlockingReadsObservationPredicate(ClamatorProperties properties) {
            List<String> prefixes = new ArrayList<>();
            prefixes.add(properties.getKeyPrefix());
            properties.getBackends().keySet().forEach(name -> prefixes.add(properties.backendKeyPrefix(name)));
            return new BlockingReadsObservationPredicate(prefixes);
        }
    }
}
