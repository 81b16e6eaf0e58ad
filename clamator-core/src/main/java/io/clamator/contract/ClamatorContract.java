package io.clamator.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java interface as a clamator contract: the interface's abstract methods are the
 * service's methods, called on the wire as {@code "<service>.<method>"}.
 *
 * <pre>{@code
 * @ClamatorContract("arith")
 * public interface Arith {
 *     AddResult add(AddParams params);
 * }
 * }</pre>
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ClamatorContract {

    /** The service name; must match {@code ^[a-z][a-z0-9-]*$}. */
    String value();
}
