package io.clamator.sample.docs.config;

import io.clamator.boot.autoconfigure.ClamatorProperties;
import io.clamator.json.ClamatorJson;
import org.springframework.context.annotation.Bean;

/**
 * Gives clamator a JSON mapping of its own, so that the application's Jackson settings
 * ({@code spring.jackson.*}, its own modules) never change what goes on the wire. Imported by
 * the test that uses it; an application would put the bean in a configuration class.
 */
public class IndependentJsonMapping {

    @Bean
    ClamatorJson clamatorJson(ClamatorProperties properties) {
        return ClamatorJson.builder()
                .strictUnknownFields(properties.getJson().isStrictUnknownFields())
                .build();
    }
}
