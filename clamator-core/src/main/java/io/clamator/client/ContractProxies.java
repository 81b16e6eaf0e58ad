package io.clamator.client;

import io.clamator.contract.ContractDefinition;
import io.clamator.contract.ContractMethod;
import io.clamator.contract.Contracts;
import io.clamator.contract.MethodDefinition;
import io.clamator.internal.AsyncResults;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Builds typed proxies that turn contract interface calls into client calls. */
public final class ContractProxies {

    private ContractProxies() {
    }

    /**
     * A proxy for {@code contract} that calls through {@code client}.
     *
     * @throws io.clamator.contract.InvalidContractException if the interface is not a valid contract
     */
    public static <T> T create(Class<T> contract, RpcClient client) {
        ContractDefinition definition = Contracts.read(contract);
        Map<Method, ContractMethod> methods = new HashMap<>();
        definition.methods().forEach(method -> methods.put(method.javaMethod(), method));
        return contract.cast(new ContractInvocationHandler(definition, client, Map.copyOf(methods), null).newProxy());
    }

    /** Calls a contract's methods through a client; {@link CallOptions} make a copy with other options. */
    static final class ContractInvocationHandler implements InvocationHandler {

        private final ContractDefinition contract;
        private final RpcClient client;
        private final Map<Method, ContractMethod> methods;
        private final CallOptions options;

        private ContractInvocationHandler(ContractDefinition contract, RpcClient client, Map<Method, ContractMethod> methods,
                CallOptions options) {
            this.contract = contract;
            this.client = client;
            this.methods = methods;
            this.options = options;
        }

        ContractInvocationHandler withOptions(CallOptions callOptions) {
            return new ContractInvocationHandler(contract, client, methods, callOptions);
        }

        Object newProxy() {
            Class<?> type = contract.type();
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, this);
        }

        private Duration timeout(MethodDefinition definition) {
            return options != null && options.timeout() != null ? options.timeout() : definition.timeout();
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args);
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            ContractMethod contractMethod = methods.get(method);
            MethodDefinition definition = contractMethod.definition();
            Object params = args == null || args.length == 0 ? null : args[0];
            String service = contract.service();
            if (definition.isNotification()) {
                client.notify(service, definition.name(), params);
                return null;
            }
            return switch (contractMethod.shape()) {
                case FUTURE -> call(service, definition, params);
                case MONO -> AsyncResults.deferredMono(() -> call(service, definition, params));
                case VALUE, VOID -> client.call(service, definition.name(), params, definition.resultType(), timeout(definition));
            };
        }

        private CompletableFuture<Object> call(String service, MethodDefinition definition, Object params) {
            return client.callAsync(service, definition.name(), params, definition.resultType(), timeout(definition));
        }

        private Object objectMethod(Object proxy, Method method, Object[] args) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "clamator client proxy for " + contract.type().getName() + " (service " + contract.service() + ")"
                        + (options != null ? " with " + options : "");
                default -> throw new UnsupportedOperationException(method.toString());
            };
        }
    }
}
