package io.clamator.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports clamator's auto-configuration (properties, transports, server, clients, and the JSON
 * and validation auto-configuration they build on when present) into a test slice that does not
 * have it. {@link ClamatorTest @ClamatorTest} uses it; add it to another slice (say
 * {@code @WebMvcTest}) whose components call clamator services.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureClamator {
}
