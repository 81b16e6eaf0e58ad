package io.clamator.server;

import io.clamator.contract.ContractDefinition;
import io.clamator.contract.ContractMethod;
import io.clamator.contract.Contracts;
import io.clamator.contract.InvalidContractException;
import io.clamator.contract.MethodDefinition;
import io.clamator.contract.MethodKind;
import io.clamator.protocol.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A service a server can serve: its name, its methods and their handlers. Built from an
 * implementation of an annotated contract interface ({@link #of}) or by hand ({@link #builder}),
 * so that services can also be defined at runtime without any interface.
 */
public final class ServiceDefinition {

    private final String name;
    private final Map<String, ServiceMethod> methods;

    private ServiceDefinition(String name, Map<String, ServiceMethod> methods) {
        this.name = name;
        this.methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
    }

    /** The service served by {@code implementation} for the annotated {@code contract} interface. */
    public static <T> ServiceDefinition of(Class<T> contract, T implementation) {
        Objects.requireNonNull(implementation, "implementation");
        if (!contract.isInstance(implementation)) {
            throw new IllegalArgumentException(implementation.getClass().getName() + " does not implement " + contract.getName());
        }
        ContractDefinition definition = Contracts.read(contract);
        Map<String, ServiceMethod> methods = new LinkedHashMap<>();
        for (ContractMethod method : definition.methods()) {
            ServiceMethod served = new ServiceMethod(method.definition(), new ReflectiveInvoker(implementation, method.javaMethod()));
            if (methods.putIfAbsent(method.definition().name(), served) != null) {
                throw new InvalidContractException("Contract interface " + contract.getName() + " maps several Java methods to the wire method \""
                        + method.definition().name() + "\"; a served contract needs exactly one handler method per wire method");
            }
        }
        return new ServiceDefinition(definition.service(), methods);
    }

    /**
     * One service per contract interface the object implements.
     *
     * @throws InvalidContractException if it implements none
     */
    public static List<ServiceDefinition> allOf(Object implementation) {
        Set<Class<?>> contracts = Contracts.implementedBy(implementation.getClass());
        if (contracts.isEmpty()) {
            throw new InvalidContractException(implementation.getClass().getName()
                    + " implements no interface annotated with @ClamatorContract");
        }
        List<ServiceDefinition> services = new ArrayList<>();
        for (Class<?> contract : contracts) {
            services.add(ofUnchecked(contract, implementation));
        }
        return services;
    }

    @SuppressWarnings("unchecked")
    private static <T> ServiceDefinition ofUnchecked(Class<T> contract, Object implementation) {
        return of(contract, (T) implementation);
    }

    /** Starts a hand-built service definition. */
    public static Builder builder(String serviceName) {
        return new Builder(serviceName);
    }

    public String name() {
        return name;
    }

    /** The wire-level definitions of the service's methods. */
    public Collection<MethodDefinition> methods() {
        return methods.values().stream().map(ServiceMethod::definition).toList();
    }

    /** The method of that wire name with its handler, or {@code null} if the service has none. */
    public ServiceMethod method(String methodName) {
        return methods.get(methodName);
    }

    @Override
    public String toString() {
        return "ServiceDefinition[" + name + " " + methods.keySet() + "]";
    }

    /** A method of a service and the handler that answers it. */
    public record ServiceMethod(MethodDefinition definition, MethodInvoker invoker) {
    }

    /** Defines a service method by method, with its handlers. */
    public static final class Builder {

        private final String name;
        private final Map<String, ServiceMethod> methods = new LinkedHashMap<>();

        private Builder(String name) {
            if (!Names.isValidService(name)) {
                throw new InvalidContractException("Service name \"" + name + "\" must match " + Names.SERVICE.pattern());
            }
            this.name = name;
        }

        /** A request method answered by a blocking handler. */
        @SuppressWarnings("unchecked")
        public <P, R> Builder request(String method, Class<P> paramsType, Class<R> resultType, RequestHandler<P, R> handler) {
            RequestHandler<Object, ?> typed = (RequestHandler<Object, ?>) handler;
            return add(new MethodDefinition(method, MethodKind.REQUEST, paramsType, resultType, null, null), typed::handle);
        }

        /** A request method answered by an asynchronous handler. */
        @SuppressWarnings("unchecked")
        public <P, R> Builder requestAsync(String method, Class<P> paramsType, Class<R> resultType, AsyncRequestHandler<P, R> handler) {
            AsyncRequestHandler<Object, ?> typed = (AsyncRequestHandler<Object, ?>) handler;
            return add(new MethodDefinition(method, MethodKind.REQUEST, paramsType, resultType, null, null), typed::handle);
        }

        /** A notification method. */
        @SuppressWarnings("unchecked")
        public <P> Builder notification(String method, Class<P> paramsType, NotificationHandler<P> handler) {
            NotificationHandler<Object> typed = (NotificationHandler<Object>) handler;
            return add(new MethodDefinition(method, MethodKind.NOTIFICATION, paramsType, void.class, null, null), params -> {
                typed.handle(params);
                return null;
            });
        }

        private Builder add(MethodDefinition definition, MethodInvoker invoker) {
            Objects.requireNonNull(definition.paramsType(), "paramsType");
            Objects.requireNonNull(definition.resultType(), "resultType");
            if (!Names.isValidMethod(definition.name())) {
                throw new InvalidContractException("Service " + name + ": method name \"" + definition.name()
                        + "\" must match " + Names.METHOD.pattern());
            }
            if (methods.putIfAbsent(definition.name(), new ServiceMethod(definition, invoker)) != null) {
                throw new InvalidContractException("Service " + name + ": method \"" + definition.name() + "\" is defined twice");
            }
            return this;
        }

        public ServiceDefinition build() {
            if (methods.isEmpty()) {
                throw new InvalidContractException("Service " + name + " defines no methods");
            }
            return new ServiceDefinition(name, methods);
        }
    }
}
