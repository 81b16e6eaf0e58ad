package io.clamator.boot.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test that starts only the clamator side of an application: clamator's auto-configuration on
 * the memory transport, the application's {@link io.clamator.boot.ClamatorService @ClamatorService}
 * components (all of them, or only the {@link #services() services} named), the proxies injected
 * with {@link io.clamator.boot.ClamatorClient @ClamatorClient}, and whatever the test imports
 * ({@code @Import}). Other components and auto-configuration are left out.
 *
 * <pre>{@code
 * @ClamatorTest(services = ArithService.class)
 * class ArithServiceTests {
 *
 *     @ClamatorClient
 *     Arith arith;
 *
 *     @Test
 *     void adds() {
 *         assertThat(arith.add(new AddParams(1, 2)).sum()).isEqualTo(3);
 *     }
 * }
 * }</pre>
 *
 * <p>Fields and test-method parameters marked {@code @ClamatorClient} receive client proxies
 * (a field needs no {@code @Autowired}); {@code @MockitoBean @ClamatorClient} replaces one with
 * a mock.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(ClamatorTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(ClamatorTypeExcludeFilter.class)
@AutoConfigureClamator
@AutoConfigureClamatorMemoryTransport
@ImportAutoConfiguration
public @interface ClamatorTest {

    /**
     * Properties in form {@literal key=value} to add to the environment before the test runs.
     */
    String[] properties() default {};

    /** Alias for {@link #services()}. */
    @AliasFor("services")
    Class<?>[] value() default {};

    /**
     * The components to start, typically {@code @ClamatorService} classes. When empty, every
     * {@code @ClamatorService} component found by component scanning is started.
     */
    @AliasFor("value")
    Class<?>[] services() default {};

    /**
     * Whether the default filtering applies: only {@code @ClamatorService} components (or the
     * {@link #services() services} named) are scanned.
     */
    boolean useDefaultFilters() default true;

    /** Include filters that add otherwise filtered components to the context. */
    Filter[] includeFilters() default {};

    /** Exclude filters that leave out components otherwise added to the context. */
    Filter[] excludeFilters() default {};

    /** Auto-configuration to leave out of this test. */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
