package io.clamator.codegen;

import io.clamator.contract.ContractDefinition;
import io.clamator.contract.ContractMethod;
import io.clamator.contract.Contracts;
import io.clamator.contract.MethodDefinition;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Java-first contracts for the other languages: annotated {@code @ClamatorContract} interfaces
 * described as a {@link ContractsDescription} (their params and results as the JSON Schema
 * zod-to-json-schema gives the equivalent Zod types, hashed as upstream's manifest does), from
 * which {@link ZodWriter} writes a Zod contract file that upstream's codegen accepts.
 */
public final class JavaContracts {

    private JavaContracts() {
    }

    /**
     * Describes contract interfaces: contracts ordered by service, methods by name (as upstream
     * orders them), one method per wire name (a client-side asynchronous twin is left out).
     *
     * @throws CodegenException when a params or result type has no Zod counterpart
     */
    public static ContractsDescription describe(List<Class<?>> contracts) {
        Collator order = Collator.getInstance(Locale.ROOT);
        List<ContractsDescription.Contract> described = new ArrayList<>();
        for (Class<?> type : contracts) {
            ContractDefinition contract = Contracts.read(type);
            Map<String, ContractsDescription.Method> methods = new LinkedHashMap<>();
            for (ContractMethod method : contract.methods()) {
                MethodDefinition definition = method.definition();
                methods.computeIfAbsent(definition.name(), name -> method(contract.service(), definition));
            }
            List<ContractsDescription.Method> sorted = new ArrayList<>(methods.values());
            sorted.sort(Comparator.comparing(ContractsDescription.Method::name, order));
            described.add(new ContractsDescription.Contract(contract.service(), null, type.getName(), sorted));
        }
        described.sort(Comparator.comparing(ContractsDescription.Contract::service, order));
        return new ContractsDescription("clamator-codegen describe (Java contracts)", described);
    }

    private static ContractsDescription.Method method(String service, MethodDefinition definition) {
        String where = "contract " + service + ", method " + definition.name();
        ObjectNode params = definition.paramsType() == null ? JavaContractSchemas.emptyParams()
                : new JavaContractSchemas(where + ", params").topLevel(definition.paramsType());
        if (definition.isNotification()) {
            return new ContractsDescription.Method(definition.name(), true, params, null, SchemaHash.of(params), null);
        }
        ObjectNode result = new JavaContractSchemas(where + ", result").topLevel(definition.resultType());
        return new ContractsDescription.Method(definition.name(), false, params, result, SchemaHash.of(params), SchemaHash.of(result));
    }
}
