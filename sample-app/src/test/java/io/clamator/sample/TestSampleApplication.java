package io.clamator.sample;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample for development ({@code ./mvnw -pl sample-app -am test-compile spring-boot:test-run}),
 * with a local Redis started for it unless one is configured.
 */
public class TestSampleApplication {

    public static void main(String[] args) {
        SpringApplication.from(SampleApplication::main).with(DevelopmentRedis.class).run(args);
    }
}
