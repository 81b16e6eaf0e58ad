package io.clamator.boot.test.autoconfigure;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.autoconfigure.client.ClamatorClientInjectionPoint;
import io.clamator.boot.autoconfigure.client.InvalidClientInjectionPointException;
import io.clamator.contract.Contracts;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Prepares the application contexts of tests for clamator: marks every one as a test's (so that
 * the memory transport, where a test profile selects it, runs without the warning an application
 * would get), swaps in the memory transport for
 * tests annotated with {@link AutoConfigureClamatorMemoryTransport @AutoConfigureClamatorMemoryTransport}
 * (or {@link ClamatorTest @ClamatorTest}), and registers the client proxy beans that the test
 * class's own {@link io.clamator.boot.ClamatorClient @ClamatorClient} fields and test-method
 * parameters ask for, since the test class is not a bean the auto-configuration could scan.
 */
class ClamatorTestContextCustomizerFactory implements ContextCustomizerFactory {

    /** Spring Framework's {@code @MockitoBean}, looked for by name: the test may not use Mockito. */
    private static final String MOCKITO_BEAN = "org.springframework.test.context.bean.override.mockito.MockitoBean";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean memoryTransport = TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureClamatorMemoryTransport.class);
        Set<ClamatorTestContextCustomizer.Client> clients = new LinkedHashSet<>();
        for (Class<?> type : testClassHierarchy(testClass)) {
            for (ClamatorClientInjectionPoint point : ClamatorClientInjectionPoint.findIn(type)) {
                if (!Contracts.isContract(point.contract())) {
                    throw new InvalidClientInjectionPointException(point.description(), point.contract(), point.backend(),
                            InvalidClientInjectionPointException.Reason.NOT_A_CONTRACT);
                }
                clients.add(new ClamatorTestContextCustomizer.Client(point.contract(), point.backend()));
            }
        }
        return new ClamatorTestContextCustomizer(memoryTransport, clients, unqualifiedMocks(testClass));
    }

    /** The test's {@code @MockitoBean} fields of contract types that miss {@code @ClamatorClient}. */
    private static Set<ClamatorTestContextCustomizer.UnqualifiedMock> unqualifiedMocks(Class<?> testClass) {
        Set<ClamatorTestContextCustomizer.UnqualifiedMock> mocks = new LinkedHashSet<>();
        for (Class<?> type : testClassHierarchy(testClass)) {
            for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
                for (Field field : current.getDeclaredFields()) {
                    if (isMockitoBean(field) && Contracts.isContract(field.getType())
                            && !AnnotatedElementUtils.hasAnnotation(field, ClamatorClient.class)) {
                        mocks.add(new ClamatorTestContextCustomizer.UnqualifiedMock(field.getType(),
                                "field '" + field.getName() + "' of " + current.getName()));
                    }
                }
            }
        }
        return mocks;
    }

    private static boolean isMockitoBean(Field field) {
        for (Annotation annotation : field.getAnnotations()) {
            if (annotation.annotationType().getName().equals(MOCKITO_BEAN)) {
                return true;
            }
        }
        return false;
    }

    private static List<Class<?>> testClassHierarchy(Class<?> testClass) {
        List<Class<?>> classes = new ArrayList<>();
        for (Class<?> current = testClass; current != null; ) {
            classes.add(current);
            current = TestContextAnnotationUtils.searchEnclosingClass(current) ? current.getEnclosingClass() : null;
        }
        return classes;
    }
}
