package io.clamator.boot.autoconfigure.metrics;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.metrics.ClamatorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Records clamator's meters (handlers running, entries queued, command stream figures, failure
 * counters; see {@link io.clamator.metrics.ClamatorMeters}) in the application's
 * {@link MeterRegistry} (Spring Boot's, with Actuator).
 */
@AutoConfiguration(before = ClamatorAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({ClamatorMetrics.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public final class ClamatorMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClamatorMetrics clamatorMetrics(MeterRegistry registry) {
        return ClamatorMetrics.of(registry);
    }
}
