package io.clamator.codegen;

import io.clamator.protocol.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The <em>generate</em> step: Java contract interfaces from a {@link ContractsDescription}, pure
 * Java. One {@code @ClamatorContract} interface per contract, a method per contract method
 * (notifications as {@code @Notification void}), and nested records, enums and sealed interfaces
 * for the params and results, mapped as docs/contracts.md describes.
 */
public final class JavaGenerator {

    private final GeneratorOptions options;

    public JavaGenerator(GeneratorOptions options) {
        this.options = options;
    }

    /**
     * The sources for every contract of the description, in its order.
     *
     * @throws CodegenException naming the contract, method and JSON path of a schema that cannot be mapped
     */
    public List<GeneratedSource> generate(ContractsDescription description) {
        List<GeneratedSource> sources = new ArrayList<>();
        Map<String, String> services = new HashMap<>();
        for (ContractsDescription.Contract contract : description.contracts()) {
            requireClamatorNames(contract);
            String interfaceName = interfaceName(contract.service());
            String other = services.putIfAbsent(interfaceName, contract.service());
            if (other != null) {
                throw new CodegenException("contracts " + other + " and " + contract.service() + " would both be the Java interface "
                        + interfaceName);
            }
            sources.add(generate(contract, interfaceName));
        }
        return sources;
    }

    /**
     * The service and method names must be ones clamator-core serves and calls ({@link Names}), as
     * {@code @clamator/protocol} requires since 0.1.6; a description lowered with an older one may
     * hold a method name with hyphens, which the generated contract could not be registered or
     * proxied with.
     */
    private static void requireClamatorNames(ContractsDescription.Contract contract) {
        if (!Names.isValidService(contract.service())) {
            throw new CodegenException("contract " + contract.service() + ": the service name must be lowercase letters, digits and"
                    + " hyphens, starting with a letter (" + Names.SERVICE.pattern() + ")");
        }
        for (ContractsDescription.Method method : contract.methods()) {
            if (!Names.isValidMethod(method.name())) {
                String suggestion = Names.suggestMethod(method.name());
                throw new CodegenException("contract " + contract.service() + ", method " + method.name() + ": the method name must be"
                        + " camelCase letters and digits, starting with a lowercase letter (" + Names.METHOD.pattern()
                        + "), the rule every clamator peer accepts" + (suggestion == null ? "" : "; rename it, e.g. " + suggestion));
            }
        }
    }

    /** {@code launch} → {@code Launch}; a name that would hide a type the file uses gets {@code Contract} after it. */
    private static String interfaceName(String service) {
        String name = JavaNames.type(service);
        return JavaNames.TAKEN_TYPE_NAMES.contains(name) ? name + "Contract" : name;
    }

    private GeneratedSource generate(ContractsDescription.Contract contract, String interfaceName) {
        Set<String> reserved = new HashSet<>(JavaNames.TAKEN_TYPE_NAMES);
        reserved.add(interfaceName);
        DeclaredTypes types = new DeclaredTypes(reserved);
        Set<String> javaMethods = new HashSet<>();
        List<ContractWriter.MethodSource> methods = new ArrayList<>();
        for (ContractsDescription.Method method : contract.methods()) {
            String where = "contract " + contract.service() + ", method " + method.name();
            String typeName = JavaNames.type(method.name());
            boolean noParams = "object".equals(method.params().path("type").asString(null))
                    && method.params().path("properties").isEmpty() && !method.params().path("additionalProperties").isObject();
            JavaType params = noParams ? null
                    : new SchemaMapper(where + ", params", types).topLevel(method.params(), typeName + "Params", false);
            JavaType result = method.notification() ? null
                    : new SchemaMapper(where + ", result", types).result(method.result(), typeName + "Result");
            String description = method.params().path("description").asString(null);
            for (ContractWriter.MethodSource source : methods(method, params, result, description)) {
                if (!javaMethods.add(source.javaName())) {
                    throw new CodegenException(where + ": its Java method " + source.javaName() + " is there already");
                }
                methods.add(source);
            }
        }
        String origin = contract.source() == null ? null
                : contract.source() + (contract.export() == null ? "" : " (export " + contract.export() + ")");
        String content = ContractWriter.source(options.packageName(), interfaceName, contract.service(), origin, methods, types.all());
        return new GeneratedSource(options.packageName() + "." + interfaceName, content);
    }

    private List<ContractWriter.MethodSource> methods(ContractsDescription.Method method, JavaType params, JavaType result,
                                                      String description) {
        String javaName = JavaNames.member(method.name());
        String wire = javaName.equals(method.name()) ? null : method.name();
        if (result == null) {
            return List.of(new ContractWriter.MethodSource(javaName, wire, params, null, false, description));
        }
        return switch (options.calls()) {
            case BLOCKING -> List.of(new ContractWriter.MethodSource(javaName, wire, params, result, false, description));
            case FUTURE -> List.of(new ContractWriter.MethodSource(javaName, wire, params, result, true, description));
            case BLOCKING_AND_FUTURE -> List.of(new ContractWriter.MethodSource(javaName, wire, params, result, false, description),
                    new ContractWriter.MethodSource(javaName + "Async", method.name(), params, result, true, description));
        };
    }
}
