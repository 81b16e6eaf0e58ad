package io.clamator.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The types declared in one contract interface, by name, in the order they were first needed.
 * A schema met twice under the same name is declared once; another schema wanting a taken name
 * gets its parent's name in front ({@code OrderAddress}), then a number.
 */
final class DeclaredTypes {

    private final Map<String, Declaration> declarations = new LinkedHashMap<>();
    private final Map<String, JsonNode> schemas = new HashMap<>();
    private final Set<String> reserved;

    /** @param reserved names the file uses otherwise: its interface's, its imports', java.lang's */
    DeclaredTypes(Set<String> reserved) {
        this.reserved = reserved;
    }

    /**
     * The name a schema's type gets: the name wanted if it is free or already stands for the same
     * schema, else the parent's name in front, else a number after it.
     *
     * @return the name, and whether a type of that name for this schema is already declared
     */
    Naming name(String wanted, String parent, JsonNode schema) {
        for (String candidate : List.of(wanted, parent + wanted)) {
            JsonNode taken = schemas.get(candidate);
            if (taken != null && taken.equals(schema)) {
                return new Naming(candidate, true);
            }
            if (taken == null && !reserved.contains(candidate)) {
                schemas.put(candidate, schema);
                return new Naming(candidate, false);
            }
        }
        for (int i = 2; ; i++) {
            String candidate = parent + wanted + i;
            if (!schemas.containsKey(candidate) && !reserved.contains(candidate)) {
                schemas.put(candidate, schema);
                return new Naming(candidate, false);
            }
        }
    }

    /** Declares a type named by {@link #name}; keeps the place of its first need. */
    void declare(Declaration declaration) {
        declarations.put(declaration.name(), declaration);
    }

    /** Keeps the place of a type whose declaration follows once its parts are known. */
    void reserve(String name) {
        declarations.putIfAbsent(name, null);
    }

    List<Declaration> all() {
        return new ArrayList<>(declarations.values());
    }

    record Naming(String name, boolean declared) {
    }
}
