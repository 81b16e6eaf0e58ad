package io.clamator.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean that serves clamator contracts: the bean is registered with the application's
 * {@link io.clamator.server.RpcServer} once for each interface annotated with
 * {@link io.clamator.contract.ClamatorContract @ClamatorContract} that it implements, before the
 * server starts.
 *
 * <p>On a class, it is also a {@link Component @Component}, found by component scanning:
 * <pre>{@code
 * @ClamatorService
 * class ArithService implements Arith {
 *     public AddResult add(AddParams params) { ... }
 * }
 * }</pre>
 * On a {@code @Bean} method, it marks the bean that method returns:
 * <pre>{@code
 * @Bean
 * @ClamatorService
 * Arith arith() { return new ArithService(); }
 * }</pre>
 *
 * <p>A bean marked this way stays an ordinary bean: other beans of the same application can
 * inject it by type and call it directly. Use {@link ClamatorClient @ClamatorClient} to call
 * the contract through the transport instead.
 */
@Documented
@Component
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ClamatorService {

    /** The bean name, when the annotation is used on a class; empty for a generated name. */
    @AliasFor(annotation = Component.class)
    String value() default "";
}
