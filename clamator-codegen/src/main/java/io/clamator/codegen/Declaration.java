package io.clamator.codegen;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A type declared inside a generated contract interface: a record, an enum or a sealed interface. */
sealed interface Declaration permits Declaration.RecordType, Declaration.EnumType, Declaration.UnionType {

    String name();

    /** What its source needs imported. */
    Set<String> imports();

    /**
     * One component of a record.
     *
     * @param name        its Java name
     * @param type        its type
     * @param annotations the annotations before the type, e.g. {@code @NotNull}
     * @param description its {@code describe()} text, or {@code null}
     * @param defaultValue the Java expression of its Zod default ({@code .default(x)}), filled in
     *                     when it is {@code null}; {@code null} for none
     */
    record Component(String name, JavaType type, List<String> annotations, String description, String defaultValue) {
    }

    /**
     * A record for a JSON object.
     *
     * @param implemented the sealed interface it belongs to, or {@code null}
     * @param fixed       a boolean discriminator it writes with a fixed value, or {@code null}
     */
    record RecordType(String name, String description, List<Component> components, String implemented, Fixed fixed,
                      Set<String> imports) implements Declaration {
    }

    /** A property a branch record always writes with the same value: a boolean discriminator. */
    record Fixed(String property, boolean value) {
    }

    /**
     * An enum for a set of strings.
     *
     * @param values the strings, each the wire name of a constant
     */
    record EnumType(String name, String description, List<String> values) implements Declaration {

        @Override
        public Set<String> imports() {
            Set<String> imports = new TreeSet<>();
            if (values.stream().anyMatch(value -> !JavaNames.constant(value).equals(value))) {
                imports.add("com.fasterxml.jackson.annotation.JsonProperty");
            }
            return imports;
        }
    }

    /**
     * A sealed interface for a union of objects told apart by a discriminator property.
     *
     * @param discriminator the property whose value names the branch
     * @param booleanValued whether the discriminator holds {@code true} or {@code false} rather than a string
     * @param branches      each branch's value and record
     */
    record UnionType(String name, String description, String discriminator, boolean booleanValued, List<Branch> branches)
            implements Declaration {

        @Override
        public Set<String> imports() {
            return Set.of("com.fasterxml.jackson.annotation.JsonSubTypes", "com.fasterxml.jackson.annotation.JsonTypeInfo");
        }
    }

    /** One branch of a union: the discriminator's value and the record it stands for. */
    record Branch(String value, String recordName) {
    }
}
