package io.clamator.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Injects a typed client for a clamator contract interface: a proxy whose calls go through the
 * transport to whichever application serves the contract, never to a local
 * {@link ClamatorService @ClamatorService} bean of the same application.
 *
 * <p>Use it on a constructor parameter, a {@code @Bean} method parameter or a field:
 * <pre>{@code
 * @Service
 * class Checkout {
 *     Checkout(@ClamatorClient Arith arith, @ClamatorClient(backend = "billing") Billing billing) { ... }
 * }
 * }</pre>
 * A field needs no {@code @Autowired}. The proxy is a bean qualified by this annotation, so a
 * test can replace it with {@code @MockitoBean @ClamatorClient Arith arith}.
 *
 * <p>It can also meta-annotate an annotation of your own, say {@code @Billing} for
 * {@code @ClamatorClient(backend = "billing")}.
 *
 * <p>The annotated type must be an interface annotated with
 * {@link io.clamator.contract.ClamatorContract @ClamatorContract}; anything else fails at startup.
 */
@Documented
@Qualifier
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ClamatorClient {

    /** The name of the default backend: the application's own {@code clamator.key-prefix}. */
    String DEFAULT_BACKEND = "";

    /**
     * The backend to call: a name configured under {@code clamator.backends.<name>} (its own key
     * prefix and default timeout); empty for the application's own key prefix.
     */
    String backend() default DEFAULT_BACKEND;
}
