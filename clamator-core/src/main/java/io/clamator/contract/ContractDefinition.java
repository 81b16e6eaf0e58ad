package io.clamator.contract;

import java.util.List;

/**
 * An annotated contract interface as read by {@link Contracts#read(Class)}.
 *
 * @param service the service name
 * @param type    the interface
 * @param methods the contract's methods
 */
public record ContractDefinition(String service, Class<?> type, List<ContractMethod> methods) {

    public ContractDefinition {
        methods = List.copyOf(methods);
    }
}
