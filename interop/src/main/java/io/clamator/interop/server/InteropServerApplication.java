package io.clamator.interop.server;

import io.clamator.boot.ClamatorService;
import io.clamator.interop.contracts.Arith;
import io.clamator.interop.contracts.Notifications;
import io.clamator.interop.contracts.Shapes;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The Java interop server: an ordinary Spring Boot application on clamator-spring-boot-starter,
 * serving the contracts listed in {@code interop.contracts} as {@link ClamatorService} beans.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class InteropServerApplication {

    @Bean
    HandledCounter handledCounter() {
        return new HandledCounter();
    }

    @Bean
    @ClamatorService
    @ConditionalOnContract("arith")
    Arith arith(HandledCounter counter) {
        return new ArithHandlers(counter);
    }

    @Bean
    @ClamatorService
    @ConditionalOnContract("generated-arith")
    io.clamator.interop.generated.Arith generatedArith(HandledCounter counter) {
        return new GeneratedArithHandlers(counter);
    }

    @Bean
    @ClamatorService
    @ConditionalOnContract("notifications")
    Notifications notifications(HandledCounter counter) {
        return new NotificationHandlers(counter);
    }

    @Bean
    @ClamatorService
    @ConditionalOnContract("shapes")
    Shapes shapes(HandledCounter counter) {
        return new ShapesHandlers(counter);
    }
}
