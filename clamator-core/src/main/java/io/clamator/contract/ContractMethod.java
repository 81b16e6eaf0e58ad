package io.clamator.contract;

import java.lang.reflect.Method;

/**
 * A method of an annotated contract interface with its protocol definition.
 *
 * @param javaMethod the interface method
 * @param definition the wire-level definition
 * @param shape      how the Java method returns its result
 */
public record ContractMethod(Method javaMethod, MethodDefinition definition, ReturnShape shape) {
}
