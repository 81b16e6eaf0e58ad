package io.clamator.contract;

import io.clamator.protocol.Names;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads annotated contract interfaces, validating names and method shapes.
 *
 * <p>Several Java methods may call the same wire method (say a blocking and a {@code Mono} form,
 * named with {@link ClamatorMethod}) as long as they agree on request or notification; such an
 * interface can be used by clients only, since a server would not know which method handles it.
 */
public final class Contracts {

    private static final String MONO = "reactor.core.publisher.Mono";

    private static final ClassValue<ContractDefinition> CACHE = new ClassValue<>() {
        @Override
        protected ContractDefinition computeValue(Class<?> type) {
            return readUncached(type);
        }
    };

    private Contracts() {
    }

    /** Whether the type is an interface annotated with {@link ClamatorContract}. */
    public static boolean isContract(Class<?> type) {
        return type.isInterface() && type.isAnnotationPresent(ClamatorContract.class);
    }

    /**
     * Reads a contract interface (cached).
     *
     * @throws InvalidContractException naming the interface and method when a rule is broken
     */
    public static ContractDefinition read(Class<?> contractType) {
        return CACHE.get(contractType);
    }

    /** Every contract interface a class implements, directly or through other interfaces. */
    public static Set<Class<?>> implementedBy(Class<?> type) {
        Set<Class<?>> contracts = new LinkedHashSet<>();
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            collectContracts(current.getInterfaces(), contracts);
        }
        return contracts;
    }

    private static void collectContracts(Class<?>[] interfaces, Set<Class<?>> into) {
        for (Class<?> candidate : interfaces) {
            if (isContract(candidate)) {
                into.add(candidate);
            }
            collectContracts(candidate.getInterfaces(), into);
        }
    }

    private static ContractDefinition readUncached(Class<?> type) {
        if (!type.isInterface()) {
            throw new InvalidContractException(type.getName() + " is not an interface: a clamator contract is a Java interface annotated with @ClamatorContract");
        }
        ClamatorContract annotation = type.getAnnotation(ClamatorContract.class);
        if (annotation == null) {
            throw new InvalidContractException("Contract interface " + type.getName() + " has no @ClamatorContract annotation naming its service");
        }
        String service = annotation.value();
        if (!Names.isValidService(service)) {
            throw new InvalidContractException("Contract interface " + type.getName() + ": service name \"" + service
                    + "\" must match " + Names.SERVICE.pattern());
        }
        List<ContractMethod> methods = new ArrayList<>();
        Map<String, ContractMethod> byWireName = new HashMap<>();
        Method[] candidates = type.getMethods();
        Arrays.sort(candidates, Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        for (Method method : candidates) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
                continue;
            }
            ContractMethod contractMethod = readMethod(type, method);
            ContractMethod alias = byWireName.putIfAbsent(contractMethod.definition().name(), contractMethod);
            if (alias != null && alias.definition().kind() != contractMethod.definition().kind()) {
                throw new InvalidContractException(describe(type, method) + ": wire method name \""
                        + contractMethod.definition().name() + "\" is also used by " + alias.javaMethod().getName()
                        + " as a " + alias.definition().kind().name().toLowerCase(java.util.Locale.ROOT));
            }
            methods.add(contractMethod);
        }
        return new ContractDefinition(service, type, methods);
    }

    private static ContractMethod readMethod(Class<?> type, Method method) {
        ClamatorMethod settings = method.getAnnotation(ClamatorMethod.class);
        String name = settings == null || settings.value().isEmpty() ? method.getName() : settings.value();
        if (!Names.isValidMethod(name)) {
            String suggestion = Names.suggestMethod(name);
            throw new InvalidContractException(describe(type, method) + ": wire method name \"" + name
                    + "\" must match " + Names.METHOD.pattern() + (suggestion == null ? ""
                            : "; give it a valid wire name with @ClamatorMethod(\"" + suggestion + "\")"));
        }
        if (method.getParameterCount() > 1) {
            throw new InvalidContractException(describe(type, method)
                    + ": a contract method takes at most one parameter (the params object)");
        }
        Type paramsType = method.getParameterCount() == 0 ? null : method.getGenericParameterTypes()[0];
        ReturnShape shape = shapeOf(method.getReturnType());
        Type resultType = resultTypeOf(method, shape);
        boolean notification = method.isAnnotationPresent(Notification.class);
        if (notification && shape != ReturnShape.VOID) {
            throw new InvalidContractException(describe(type, method) + ": a @Notification method must return void");
        }
        Duration timeout = settings == null ? null : millisSetting(type, method, "timeoutMillis", settings.timeoutMillis());
        Duration handlerTimeout = settings == null ? null
                : millisSetting(type, method, "handlerTimeoutMillis", settings.handlerTimeoutMillis());
        MethodKind kind = notification ? MethodKind.NOTIFICATION : MethodKind.REQUEST;
        return new ContractMethod(method, new MethodDefinition(name, kind, paramsType, resultType, timeout, handlerTimeout), shape);
    }

    /** A duration setting of {@code @ClamatorMethod}: 0 for none, positive milliseconds otherwise. */
    private static Duration millisSetting(Class<?> type, Method method, String setting, long millis) {
        if (millis < 0) {
            throw new InvalidContractException(describe(type, method) + ": " + setting + " must be positive");
        }
        return millis == 0 ? null : Duration.ofMillis(millis);
    }

    private static ReturnShape shapeOf(Class<?> returnType) {
        if (returnType == void.class) {
            return ReturnShape.VOID;
        }
        if (returnType == CompletableFuture.class || returnType == CompletionStage.class) {
            return ReturnShape.FUTURE;
        }
        if (returnType.getName().equals(MONO)) {
            return ReturnShape.MONO;
        }
        return ReturnShape.VALUE;
    }

    private static Type resultTypeOf(Method method, ReturnShape shape) {
        return switch (shape) {
            case VOID -> void.class;
            case VALUE -> method.getGenericReturnType();
            case FUTURE, MONO -> {
                if (method.getGenericReturnType() instanceof ParameterizedType parameterized) {
                    yield parameterized.getActualTypeArguments()[0];
                }
                yield Object.class;
            }
        };
    }

    private static String describe(Class<?> type, Method method) {
        return "Contract interface " + type.getName() + ", method " + method.getName();
    }
}
