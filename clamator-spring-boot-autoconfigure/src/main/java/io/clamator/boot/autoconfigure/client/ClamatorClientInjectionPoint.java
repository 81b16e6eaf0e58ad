package io.clamator.boot.autoconfigure.client;

import io.clamator.boot.ClamatorClient;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.ConcurrentReferenceHashMap;
import org.springframework.util.ReflectionUtils;

/**
 * A field or parameter marked {@link ClamatorClient @ClamatorClient}: the contract it asks for
 * and the backend to call.
 *
 * @param description where it is, for messages: {@code field 'arith' of com.example.Checkout}
 * @param contract    the requested type (unwrapped from {@code Optional} or {@code ObjectProvider})
 * @param backend     the backend name, empty for the default
 * @param field       the field, or {@code null} for a parameter
 */
public record ClamatorClientInjectionPoint(String description, Class<?> contract, String backend, Field field) {

    private static final Map<Class<?>, List<ClamatorClientInjectionPoint>> CACHE = new ConcurrentReferenceHashMap<>();

    /** Whether this is a field that needs {@code @ClamatorClient} alone to be injected (no {@code @Autowired}). */
    public boolean isFieldInjectedByClamator() {
        return this.field != null && !Modifier.isStatic(this.field.getModifiers())
                && !MergedAnnotations.from(this.field).isPresent("org.springframework.beans.factory.annotation.Autowired")
                && !MergedAnnotations.from(this.field).isPresent("jakarta.inject.Inject")
                && !MergedAnnotations.from(this.field).isPresent("org.springframework.beans.factory.annotation.Value");
    }

    /**
     * Every injection point marked {@code @ClamatorClient} in a class and its superclasses:
     * fields, and parameters of constructors and methods (among them {@code @Bean} methods).
     */
    public static List<ClamatorClientInjectionPoint> findIn(Class<?> type) {
        return CACHE.computeIfAbsent(type, ClamatorClientInjectionPoint::scan);
    }

    private static List<ClamatorClientInjectionPoint> scan(Class<?> type) {
        List<ClamatorClientInjectionPoint> points = new ArrayList<>();
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            if (current.getName().startsWith("java.")) {
                break;
            }
            Class<?> declaring = current;
            ReflectionUtils.doWithLocalFields(declaring, field -> {
                MergedAnnotation<ClamatorClient> annotation = MergedAnnotations.from(field).get(ClamatorClient.class);
                if (annotation.isPresent()) {
                    points.add(new ClamatorClientInjectionPoint("field '" + field.getName() + "' of " + declaring.getName(),
                            unwrap(ResolvableType.forField(field)), annotation.getString("backend"), field));
                }
            });
            for (Constructor<?> constructor : declaring.getDeclaredConstructors()) {
                addParameters(constructor, "constructor of " + declaring.getName(), points);
            }
            for (Method method : ReflectionUtils.getDeclaredMethods(declaring)) {
                addParameters(method, "method " + method.getName() + " of " + declaring.getName(), points);
            }
        }
        return List.copyOf(points);
    }

    private static void addParameters(Executable executable, String where, List<ClamatorClientInjectionPoint> points) {
        for (int i = 0; i < executable.getParameterCount(); i++) {
            MethodParameter parameter = MethodParameter.forExecutable(executable, i);
            Annotation[] annotations = parameter.getParameterAnnotations();
            if (annotations.length == 0) {
                continue;
            }
            MergedAnnotation<ClamatorClient> annotation = MergedAnnotations.from(annotations).get(ClamatorClient.class);
            if (annotation.isPresent()) {
                String name = executable.getParameters()[i].isNamePresent()
                        ? "'" + executable.getParameters()[i].getName() + "'" : String.valueOf(i);
                points.add(new ClamatorClientInjectionPoint("parameter " + name + " of " + where,
                        unwrap(ResolvableType.forMethodParameter(parameter)), annotation.getString("backend"), null));
            }
        }
    }

    private static Class<?> unwrap(ResolvableType type) {
        Class<?> raw = type.toClass();
        if (raw == Optional.class || ObjectFactory.class.isAssignableFrom(raw)) {
            return type.getGeneric(0).toClass();
        }
        return raw;
    }
}
