package io.clamator.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the source of one generated contract interface: its methods, then the types they use
 * ({@link #source}). Each source is written by a writer of its own, which collects that file's
 * imports.
 */
final class ContractWriter {

    private static final String INDENT = "    ";

    private final StringBuilder out = new StringBuilder();
    private final Set<String> imports = new TreeSet<>();

    private ContractWriter() {
    }

    /**
     * One method of the interface.
     *
     * @param javaName     its Java name
     * @param wireName     its name on the wire, when it differs from the Java name, else {@code null}
     * @param params       its parameter's type, or {@code null} for none
     * @param result       its result type, or {@code null} for a notification
     * @param future       whether it returns a {@code CompletableFuture}
     * @param description  its Javadoc text, or {@code null}
     */
    record MethodSource(String javaName, String wireName, JavaType params, JavaType result, boolean future, String description) {
    }

    /** The source of the interface {@code packageName.interfaceName} of a contract, its methods and the types they use. */
    static String source(String packageName, String interfaceName, String service, String origin, List<MethodSource> methods,
                         List<Declaration> declarations) {
        return new ContractWriter().write(packageName, interfaceName, service, origin, methods, declarations);
    }

    private String write(String packageName, String interfaceName, String service, String origin, List<MethodSource> methods,
                         List<Declaration> declarations) {
        StringBuilder body = new StringBuilder();
        imports.add("io.clamator.contract.ClamatorContract");
        imports.add("javax.annotation.processing.Generated");
        for (MethodSource method : methods) {
            method(body, method);
        }
        for (Declaration declaration : declarations) {
            body.append('\n');
            declaration(body, declaration);
        }
        out.append("package ").append(packageName).append(";\n\n");
        for (String name : imports) {
            out.append("import ").append(name).append(";\n");
        }
        out.append("\n/**\n * The {@code ").append(service).append("} contract")
                .append(origin == null ? ", generated" : ", generated from " + JavaNames.javadoc(origin))
                .append("\n * by clamator-codegen: edit the Zod contract and generate again rather than this file.\n */\n");
        out.append(GeneratedSource.MARKER).append('\n');
        out.append("@ClamatorContract(").append(JavaNames.literal(service)).append(")\n");
        out.append("public interface ").append(interfaceName).append(" {\n");
        out.append(body);
        out.append("}\n");
        return out.toString();
    }

    private void method(StringBuilder body, MethodSource method) {
        body.append('\n');
        if (method.description() != null) {
            javadoc(body, INDENT, method.description(), List.of());
        }
        if (method.result() == null) {
            imports.add("io.clamator.contract.Notification");
            body.append(INDENT).append("@Notification\n");
        }
        if (method.wireName() != null) {
            imports.add("io.clamator.contract.ClamatorMethod");
            body.append(INDENT).append("@ClamatorMethod(").append(JavaNames.literal(method.wireName())).append(")\n");
        }
        String result;
        if (method.result() == null) {
            result = "void";
        } else {
            imports.addAll(method.result().imports());
            result = method.result().boxed();
            if (method.future()) {
                imports.add("java.util.concurrent.CompletableFuture");
                result = "CompletableFuture<" + result + ">";
            }
        }
        body.append(INDENT).append(result).append(' ').append(method.javaName()).append('(');
        if (method.params() != null) {
            imports.addAll(method.params().imports());
            body.append(method.params().text()).append(" params");
        }
        body.append(");\n");
    }

    private void declaration(StringBuilder body, Declaration declaration) {
        imports.addAll(declaration.imports());
        if (declaration instanceof Declaration.RecordType record) {
            record(body, record);
        } else if (declaration instanceof Declaration.EnumType enumeration) {
            enumeration(body, enumeration);
        } else if (declaration instanceof Declaration.UnionType union) {
            union(body, union);
        }
    }

    private void record(StringBuilder body, Declaration.RecordType record) {
        List<String> params = new ArrayList<>();
        record.components().stream().filter(component -> component.description() != null)
                .forEach(component -> params.add("@param " + component.name() + " " + JavaNames.javadoc(component.description())));
        if (record.description() != null || !params.isEmpty()) {
            javadoc(body, INDENT, record.description(), params);
        }
        if (record.fixed() != null) {
            body.append(INDENT).append("@JsonIgnoreProperties(value = ").append(JavaNames.literal(record.fixed().property()))
                    .append(", allowGetters = true)\n");
        }
        body.append(INDENT).append("record ").append(record.name()).append('(');
        String separator = "";
        for (Declaration.Component component : record.components()) {
            body.append(separator);
            if (record.components().size() > 1) {
                body.append('\n').append(INDENT).append(INDENT).append(INDENT);
            }
            body.append(Annotations.prefix(component.annotations())).append(component.type().text()).append(' ')
                    .append(component.name());
            separator = ",";
        }
        body.append(')');
        if (record.implemented() != null) {
            body.append(" implements ").append(record.implemented());
        }
        body.append(" {\n");
        defaults(body, record);
        if (record.fixed() != null) {
            body.append('\n').append(INDENT).append(INDENT).append("/** Always {@code ").append(record.fixed().value())
                    .append("}: the value that makes this branch of {@link ").append(record.implemented()).append("}. */\n");
            body.append(INDENT).append(INDENT).append("@JsonProperty(").append(JavaNames.literal(record.fixed().property())).append(")\n");
            body.append(INDENT).append(INDENT).append("public boolean ").append(JavaNames.member(record.fixed().property()))
                    .append("() {\n").append(INDENT).append(INDENT).append(INDENT).append("return ").append(record.fixed().value())
                    .append(";\n").append(INDENT).append(INDENT).append("}\n");
        }
        body.append(INDENT).append("}\n");
    }

    /** A compact constructor filling in the Zod defaults of the components that arrive (or are left) {@code null}. */
    private static void defaults(StringBuilder body, Declaration.RecordType record) {
        List<Declaration.Component> defaulted = record.components().stream().filter(component -> component.defaultValue() != null)
                .toList();
        if (defaulted.isEmpty()) {
            return;
        }
        String twice = INDENT + INDENT;
        body.append('\n').append(twice).append("public ").append(record.name()).append(" {\n");
        for (Declaration.Component component : defaulted) {
            body.append(twice).append(INDENT).append("if (").append(component.name()).append(" == null) {\n")
                    .append(twice).append(twice).append(component.name()).append(" = ").append(component.defaultValue()).append(";\n")
                    .append(twice).append(INDENT).append("}\n");
        }
        body.append(twice).append("}\n");
    }

    private static void enumeration(StringBuilder body, Declaration.EnumType enumeration) {
        if (enumeration.description() != null) {
            javadoc(body, INDENT, enumeration.description(), List.of());
        }
        body.append(INDENT).append("enum ").append(enumeration.name()).append(" {\n");
        for (int i = 0; i < enumeration.values().size(); i++) {
            String value = enumeration.values().get(i);
            String constant = JavaNames.constant(value);
            body.append(INDENT).append(INDENT);
            if (!constant.equals(value)) {
                body.append("@JsonProperty(").append(JavaNames.literal(value)).append(") ");
            }
            body.append(constant).append(i == enumeration.values().size() - 1 ? "\n" : ",\n");
        }
        body.append(INDENT).append("}\n");
    }

    private static void union(StringBuilder body, Declaration.UnionType union) {
        String summary = "One of " + union.branches().size() + ", told apart by {@code " + JavaNames.javadoc(union.discriminator()) + "}.";
        javadocEscaped(body, INDENT, union.description() == null ? summary : JavaNames.javadoc(union.description()) + "\n\n<p>" + summary);
        body.append(INDENT).append("@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.")
                .append(union.booleanValued() ? "EXISTING_PROPERTY" : "PROPERTY").append(", property = ")
                .append(JavaNames.literal(union.discriminator())).append(")\n");
        body.append(INDENT).append("@JsonSubTypes({\n");
        for (int i = 0; i < union.branches().size(); i++) {
            Declaration.Branch branch = union.branches().get(i);
            body.append(INDENT).append(INDENT).append("@JsonSubTypes.Type(value = ").append(branch.recordName()).append(".class, name = ")
                    .append(JavaNames.literal(branch.value())).append(')').append(i == union.branches().size() - 1 ? "\n" : ",\n");
        }
        body.append(INDENT).append("})\n");
        body.append(INDENT).append("sealed interface ").append(union.name()).append(" {\n").append(INDENT).append("}\n");
    }

    /** A Javadoc comment of a {@code describe()} text, escaped, and tags. */
    private static void javadoc(StringBuilder body, String indent, String text, List<String> tags) {
        writeJavadoc(body, indent, text == null ? null : JavaNames.javadoc(text), tags);
    }

    /** A Javadoc comment of text that is escaped already. */
    private static void javadocEscaped(StringBuilder body, String indent, String text) {
        writeJavadoc(body, indent, text, List.of());
    }

    private static void writeJavadoc(StringBuilder body, String indent, String text, List<String> tags) {
        body.append(indent).append("/**\n");
        if (text != null && !text.isEmpty()) {
            for (String line : text.split("\n", -1)) {
                body.append(indent).append(" *").append(line.isEmpty() ? "" : " " + line).append('\n');
            }
            if (!tags.isEmpty()) {
                body.append(indent).append(" *\n");
            }
        }
        for (String tag : tags) {
            body.append(indent).append(" * ").append(tag).append('\n');
        }
        body.append(indent).append(" */\n");
    }
}
