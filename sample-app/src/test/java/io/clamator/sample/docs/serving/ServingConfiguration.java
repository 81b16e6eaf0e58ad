package io.clamator.sample.docs.serving;

import io.clamator.boot.ClamatorService;
import io.clamator.sample.docs.contracts.Shipping;
import io.clamator.sample.docs.contracts.ShippingService;
import io.clamator.sample.docs.serving.FeatureFlags.Flag;
import io.clamator.sample.docs.serving.FeatureFlags.FlagList;
import io.clamator.sample.docs.serving.FeatureFlags.FlagQuery;
import io.clamator.server.ServiceDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import tools.jackson.databind.JsonNode;

/** Services defined with {@code @Bean} methods: an annotated contract and a hand-built one. */
@Profile("docs")
@Configuration(proxyBeanMethods = false)
public class ServingConfiguration {

    @Bean
    @ClamatorService
    Shipping shipping(@Value("${shipping.price-per-kg:1.5}") double pricePerKg) {
        return new ShippingService(pricePerKg);
    }

    @Bean
    FeatureFlags featureFlags() {
        return new FeatureFlags();
    }

    @Bean
    ServiceDefinition flagsService(FeatureFlags flags) {
        return ServiceDefinition.builder("flags")
                .request("get", FlagQuery.class, Flag.class, query -> flags.get(query.name()))
                .requestAsync("all", JsonNode.class, FlagList.class, params -> flags.allAsync())
                .notification("set", Flag.class, flags::set)
                .build();
    }
}
