package io.clamator.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Invokes a contract interface method on an implementation object. */
final class ReflectiveInvoker implements MethodInvoker {

    private final Object target;
    private final Method method;

    ReflectiveInvoker(Object target, Method method) {
        this.target = target;
        this.method = method;
        method.trySetAccessible();
    }

    @Override
    public Object invoke(Object params) throws Throwable {
        try {
            return method.getParameterCount() == 0 ? method.invoke(target) : method.invoke(target, params);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
