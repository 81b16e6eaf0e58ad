package io.clamator.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when the application uses the given clamator transport: the one named by
 * {@code clamator.transport} when it is set; otherwise {@link ClamatorTransport#MEMORY memory}
 * while one of the profiles in {@code clamator.test-profiles} (default {@code test}) is active
 * and the test support module ({@code clamator-spring-boot-test}) is on the classpath, and
 * {@link ClamatorTransport#REDIS redis} the rest of the time.
 */
@Documented
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Conditional(OnClamatorTransportCondition.class)
public @interface ConditionalOnClamatorTransport {

    /** The transport that must be in use. */
    ClamatorTransport value();
}
