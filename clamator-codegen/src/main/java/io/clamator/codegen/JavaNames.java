package io.clamator.codegen;

import java.util.Locale;
import java.util.Set;

/** Java names made from contract, method, field and enum-value names. */
final class JavaNames {

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char",
            "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for",
            "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this", "throw",
            "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed",
            "permits", "_",
            // the methods of Object, which a record component or an interface method may not be named after
            "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait", "equals");

    /**
     * The simple names generated code uses unqualified (its imports, and java.lang's), which a
     * declared type must not hide.
     */
    static final Set<String> TAKEN_TYPE_NAMES = Set.of("String", "Long", "Integer", "Short", "Double", "Float", "Boolean", "Byte",
            "Character", "Object", "Number", "Void", "Class", "Enum", "Record", "Override", "Deprecated", "SuppressWarnings",
            "FunctionalInterface", "SafeVarargs", "System", "Math", "Thread", "Runnable", "Iterable", "Comparable", "Exception",
            "Error", "Throwable", "List", "Map", "Instant", "LocalDate", "LocalTime", "UUID", "URI", "JsonNode", "CompletableFuture",
            "Generated", "ClamatorContract", "ClamatorMethod", "Notification", "NotNull", "Size", "Pattern", "Email", "Min", "Max",
            "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero", "Negative", "NegativeOrZero", "Valid", "JsonProperty",
            "JsonInclude", "JsonSubTypes", "JsonTypeInfo", "JsonIgnoreProperties");

    private JavaNames() {
    }

    /** {@code launch-control}, {@code launch_control}, {@code launchControl} → {@code LaunchControl}. */
    static String type(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = true;
                continue;
            }
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        if (out.isEmpty() || !Character.isJavaIdentifierStart(out.charAt(0))) {
            out.insert(0, 'T');
        }
        return out.toString();
    }

    /** A field or method name as a Java identifier: itself when it is one, else made into one ({@code class} → {@code class_}). */
    static String member(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (!Character.isJavaIdentifierPart(c) || c == '$') {
                upper = !out.isEmpty();
                continue;
            }
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        if (out.isEmpty() || !Character.isJavaIdentifierStart(out.charAt(0))) {
            out.insert(0, '_');
        }
        String identifier = out.toString();
        return KEYWORDS.contains(identifier) ? identifier + "_" : identifier;
    }

    /** {@code in-transit}, {@code inTransit} → {@code IN_TRANSIT}. */
    static String constant(String value) {
        StringBuilder out = new StringBuilder();
        char previous = 0;
        for (char c : value.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
            } else {
                if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
                    out.append('_');
                }
                out.append(Character.toUpperCase(c));
            }
            previous = c;
        }
        while (!out.isEmpty() && out.charAt(out.length() - 1) == '_') {
            out.setLength(out.length() - 1);
        }
        if (out.isEmpty() || !Character.isJavaIdentifierStart(out.charAt(0))) {
            out.insert(0, "V_");
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * The name of one element of a list named {@code name}: {@code lineItems} → {@code LineItem},
     * {@code entries} → {@code Entry}, {@code boxes} → {@code Box}; a name that is no plural
     * ({@code status}, {@code data}) gets {@code Item}.
     */
    static String element(String name) {
        String type = type(name);
        if (type.endsWith("ies") && type.length() > 4) {
            return type.substring(0, type.length() - 3) + "y";
        }
        for (String ending : new String[] {"sses", "shes", "ches", "xes", "zes", "uses"}) {
            if (type.endsWith(ending)) {
                return type.substring(0, type.length() - 2);
            }
        }
        if (type.endsWith("s") && !type.endsWith("ss") && !type.endsWith("us") && !type.endsWith("is") && type.length() > 2) {
            return type.substring(0, type.length() - 1);
        }
        return type + "Item";
    }

    /** Text as a Java string literal, quotes included. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * Text for a Javadoc comment: HTML specials, {@code @}, backslashes (which would start a
     * unicode escape even in a comment) and comment terminators escaped.
     */
    static String javadoc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;").replace("@", "&#64;")
                .replace("\\", "&#92;").replace("{", "&#123;").replace("}", "&#125;");
    }
}
