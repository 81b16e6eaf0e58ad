package io.clamator.boot.autoconfigure.web;

import io.clamator.protocol.ClamatorException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} that
 * answers web requests failed by a clamator call with RFC 9457 problem details
 * ({@link ClamatorProblemDetails}), in Spring MVC and WebFlux applications, when
 * {@code clamator.web.problem-details.enabled=true}. Define a {@link ClamatorProblemDetails} bean
 * to map exceptions otherwise, or a bean named {@code clamatorExceptionHandler} to answer them
 * yourself.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnClass({ProblemDetail.class, ClamatorException.class})
@ConditionalOnBooleanProperty("clamator.web.problem-details.enabled")
@EnableConfigurationProperties(ClamatorProblemDetailsProperties.class)
public final class ClamatorProblemDetailsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ClamatorProblemDetails clamatorProblemDetails(ClamatorProblemDetailsProperties properties) {
        return new ClamatorProblemDetails(properties.getStatuses());
    }

    @Bean
    @ConditionalOnMissingBean(name = "clamatorExceptionHandler")
    ClamatorExceptionHandler clamatorExceptionHandler(ClamatorProblemDetails problemDetails) {
        return new ClamatorExceptionHandler(problemDetails);
    }
}
