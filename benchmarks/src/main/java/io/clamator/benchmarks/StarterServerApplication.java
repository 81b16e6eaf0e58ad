package io.clamator.benchmarks;

import io.clamator.boot.ClamatorService;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * The server of the starter systems: a Spring Boot application serving {@link ArithContract}
 * through the clamator starter, configured by its command line (clamator.* properties) as an
 * application would be by its application.yml; prints {@code READY} once it serves. Run in a JVM
 * of its own by {@link StarterSystem}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class StarterServerApplication {

    @Bean
    @ClamatorService
    ArithContract arith() {
        return new ArithContract.Handlers();
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(StarterServerApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .listeners((ApplicationListener<ApplicationReadyEvent>) event -> {
                    System.out.println("READY");
                    System.out.flush();
                })
                .run(args);
    }
}
