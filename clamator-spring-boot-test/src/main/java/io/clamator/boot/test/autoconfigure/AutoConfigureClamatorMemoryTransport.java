package io.clamator.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test's application context on clamator's memory transport
 * ({@code clamator.transport=memory}, taking precedence over every other property source):
 * services and clients of the context talk through a
 * {@link io.clamator.transport.memory.MemoryBus} of its own, without Redis. Each application
 * context gets its own bus, so contexts cached by the Spring TestContext Framework never see each
 * other's calls.
 *
 * <p>Without this annotation the memory transport is also used whenever a profile listed in
 * {@code clamator.test-profiles} (default {@code test}) is active and {@code clamator.transport}
 * is not set.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureClamatorMemoryTransport {
}
