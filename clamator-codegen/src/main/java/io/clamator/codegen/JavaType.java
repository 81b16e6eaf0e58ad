package io.clamator.codegen;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Java type as generated code writes it, with what it imports.
 *
 * @param text      e.g. {@code long}, {@code List<@Valid LineItem>}
 * @param boxed     the reference type for a primitive ({@code Long}); {@code text} otherwise
 * @param imports   the qualified names the text needs
 * @param validated whether its values are records or sealed interfaces, validated with {@code @Valid}
 */
record JavaType(String text, String boxed, Set<String> imports, boolean validated) {

    static JavaType primitive(String text, String boxed) {
        return new JavaType(text, boxed, Set.of(), false);
    }

    static JavaType of(String text, String... imports) {
        return new JavaType(text, text, Set.of(imports), false);
    }

    /** A record, enum or sealed interface declared in the contract. */
    static JavaType declared(String name, boolean validated) {
        return new JavaType(name, name, Set.of(), validated);
    }

    boolean isPrimitive() {
        return !text.equals(boxed);
    }

    /** {@code List<T>}, the element's annotations ({@code @Valid}, constraints) on its type argument. */
    static JavaType listOf(JavaType element, List<String> elementAnnotations) {
        return container("List<", "java.util.List", element, elementAnnotations);
    }

    /** {@code Map<String, T>}, the value's annotations on its type argument. */
    static JavaType mapOf(JavaType value, List<String> valueAnnotations) {
        return container("Map<String, ", "java.util.Map", value, valueAnnotations);
    }

    private static JavaType container(String opening, String containerImport, JavaType argument, List<String> annotations) {
        Set<String> imports = new TreeSet<>(argument.imports());
        imports.add(containerImport);
        imports.addAll(Annotations.importsOf(annotations));
        String text = opening + Annotations.prefix(annotations) + argument.boxed() + ">";
        return new JavaType(text, text, imports, false);
    }
}
