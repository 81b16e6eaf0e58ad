package io.clamator.boot.autoconfigure.observation;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.observation.ClamatorClientObservationConvention;
import io.clamator.observation.ClamatorObservations;
import io.clamator.observation.ClamatorServerObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

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
public final class ClamatorObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClamatorObservations clamatorObservations(ObservationRegistry registry,
            ObjectProvider<ClamatorClientObservationConvention> clientConvention,
            ObjectProvider<ClamatorServerObservationConvention> serverConvention) {
        return new ClamatorObservations(registry, clientConvention.getIfUnique(), serverConvention.getIfUnique());
    }
}
