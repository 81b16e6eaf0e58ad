package io.clamator.boot.autoconfigure.health;

import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClients;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.server.ClamatorServerLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code clamator} health contributor ({@code management.health.clamator.enabled}), for
 * applications with Spring Boot's health support (Actuator).
 */
@AutoConfiguration(after = {ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("clamator")
public final class ClamatorHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "clamatorHealthIndicator")
    ClamatorHealthIndicator clamatorHealthIndicator(ObjectProvider<ClamatorServerLifecycle> server,
            ObjectProvider<ClamatorClients> clients) {
        return new ClamatorHealthIndicator(server.getIfAvailable(), clients.getIfAvailable());
    }
}
