package io.clamator.codegen;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The annotations generated code uses, and what they import. */
final class Annotations {

    private static final Map<String, String> IMPORTS = Map.ofEntries(
            Map.entry("NotNull", "jakarta.validation.constraints.NotNull"),
            Map.entry("Size", "jakarta.validation.constraints.Size"),
            Map.entry("Pattern", "jakarta.validation.constraints.Pattern"),
            Map.entry("Email", "jakarta.validation.constraints.Email"),
            Map.entry("Min", "jakarta.validation.constraints.Min"),
            Map.entry("Max", "jakarta.validation.constraints.Max"),
            Map.entry("DecimalMin", "jakarta.validation.constraints.DecimalMin"),
            Map.entry("DecimalMax", "jakarta.validation.constraints.DecimalMax"),
            Map.entry("Positive", "jakarta.validation.constraints.Positive"),
            Map.entry("PositiveOrZero", "jakarta.validation.constraints.PositiveOrZero"),
            Map.entry("Negative", "jakarta.validation.constraints.Negative"),
            Map.entry("NegativeOrZero", "jakarta.validation.constraints.NegativeOrZero"),
            Map.entry("Valid", "jakarta.validation.Valid"),
            Map.entry("JsonProperty", "com.fasterxml.jackson.annotation.JsonProperty"),
            Map.entry("JsonInclude", "com.fasterxml.jackson.annotation.JsonInclude"));

    private Annotations() {
    }

    /** The imports of annotations written as {@code @Name} or {@code @Name(...)}. */
    static Set<String> importsOf(List<String> annotations) {
        Set<String> imports = new TreeSet<>();
        for (String annotation : annotations) {
            int end = annotation.indexOf('(');
            String name = annotation.substring(1, end < 0 ? annotation.length() : end);
            String qualified = IMPORTS.get(name);
            if (qualified == null) {
                throw new IllegalStateException("no import known for " + annotation);
            }
            imports.add(qualified);
        }
        return imports;
    }

    /** The annotations followed by a space each, to stand before a type. */
    static String prefix(List<String> annotations) {
        StringBuilder out = new StringBuilder();
        annotations.forEach(annotation -> out.append(annotation).append(' '));
        return out.toString();
    }
}
