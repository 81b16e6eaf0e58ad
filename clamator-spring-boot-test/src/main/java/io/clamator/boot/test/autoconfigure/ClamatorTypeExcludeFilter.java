package io.clamator.boot.test.autoconfigure;

import io.clamator.boot.ClamatorService;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * Scans only {@link ClamatorService @ClamatorService} components for a
 * {@link ClamatorTest @ClamatorTest}, or only the {@link ClamatorTest#services() services} it names.
 */
public final class ClamatorTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<ClamatorTest> {

    private final Set<Class<?>> services;

    ClamatorTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
        Class<?>[] named = getAnnotation().isPresent() ? getAnnotation().getClassArray("services") : new Class<?>[0];
        this.services = new LinkedHashSet<>(Arrays.asList(named));
    }

    @Override
    protected Set<Class<?>> getKnownIncludes() {
        return this.services.isEmpty() ? Set.of(ClamatorService.class) : Set.of();
    }

    @Override
    protected Set<Class<?>> getComponentIncludes() {
        return this.services;
    }
}
