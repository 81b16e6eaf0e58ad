package io.clamator.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.clamator.sample.docs.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the documentation honest.
 *
 * <ul>
 *   <li>Every {@code java} code block of {@code README.md} and {@code docs/*.md} is quoted from
 *       compiled code: its non-blank lines (trimmed) appear in this order, one after the other
 *       (blank lines aside), in a {@code .java} file under some module's {@code src/main/java} or
 *       {@code src/test/java}, or among the contracts clamator-codegen generated into its
 *       {@code target/generated-sources/clamator}. A line that is exactly {@code ...} leaves out lines; the parts
 *       around it must appear in order in the same file.</li>
 *   <li>{@code docs/configuration.md} lists every property of the generated configuration
 *       metadata of {@code clamator-spring-boot-autoconfigure}, with its default value, and no
 *       property that does not exist.</li>
 * </ul>
 */
class DocumentationTests {

    static final Path ROOT = RepositoryRoot.find();

    static final Path METADATA = ROOT.resolve(
            "clamator-spring-boot-autoconfigure/target/classes/META-INF/spring-configuration-metadata.json");

    static final String ELISION = "...";

    private static final Pattern FENCE_OPEN = Pattern.compile("^\\s*```\\s*java\\b.*$");

    private static final Pattern FENCE_CLOSE = Pattern.compile("^\\s*```\\s*$");

    private static final Pattern PROPERTY_CELL = Pattern.compile("^`((?:clamator|management\\.(?:endpoint|health)\\.clamator)\\.[^`]+)`$");

    @Test
    void javaSnippetsAreQuotedFromCompiledSources() {
        List<Path> documents = documents();
        assertThat(documents).as("documents to check").contains(ROOT.resolve("README.md"), ROOT.resolve("docs/README.md"));
        Sources sources = Sources.load(ROOT);
        assertThat(sources.files).as("Java sources under */src/{main,test}/java").isNotEmpty();
        List<Snippet> snippets = documents.stream().flatMap(document -> Snippet.in(document).stream()).toList();
        assertThat(snippets).as("java code blocks in the documentation").hasSizeGreaterThan(10);
        List<String> failures = snippets.stream()
                .map(sources::check)
                .filter(failure -> failure != null)
                .toList();
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + snippets.size() + " java code blocks are not quoted from compiled sources"
                    + " (quote them from a .java file under */src/main/java or */src/test/java, or add the code to"
                    + " sample-app/src/test/java/io/clamator/sample/docs):\n\n" + String.join("\n\n", failures));
        }
    }

    @Test
    void theSnippetCheckRejectsCodeThatIsNotInTheSources() {
        Sources sources = new Sources(Map.of(Path.of("A.java"), List.of(
                "class A {", "    void a() {", "        first();", "", "        second();", "        third();", "    }", "}")));
        assertThat(sources.check(new Snippet(Path.of("x.md"), 1, List.of("first();", "second();")))).isNull();
        assertThat(sources.check(new Snippet(Path.of("x.md"), 1, List.of("void a() {", "...", "third();")))).isNull();
        assertThat(sources.check(new Snippet(Path.of("x.md"), 1, List.of("first();", "third();"))))
                .contains("x.md:1").contains("third();").contains("A.java");
        assertThat(sources.check(new Snippet(Path.of("x.md"), 7, List.of("third();", "...", "first();"))))
                .contains("x.md:7");
        assertThat(Snippet.parse(Path.of("x.md"), List.of("text", "```java", "  a();", "", "b();", "```", "```yaml", "c: d", "```")))
                .singleElement().satisfies(snippet -> {
                    assertThat(snippet.line).isEqualTo(2);
                    assertThat(snippet.lines).containsExactly("a();", "b();");
                });
    }

    @Test
    void theConfigurationReferenceListsEveryPropertyWithItsDefault() throws IOException {
        if (!Files.isRegularFile(METADATA)) {
            fail("No configuration metadata at " + METADATA + ": build clamator-spring-boot-autoconfigure first"
                    + " (./mvnw -B -o -q -T1 -pl clamator-spring-boot-autoconfigure compile)");
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        for (JsonNode property : JsonMapper.builder().build().readTree(METADATA.toFile()).get("properties")) {
            properties.put(property.get("name").stringValue(), property);
        }
        Map<String, String> documented = ConfigurationTable.read(ROOT.resolve("docs/configuration.md"));
        List<String> problems = new ArrayList<>();
        properties.forEach((name, property) -> {
            if (!documented.containsKey(name)) {
                problems.add("missing: `" + name + "` (" + property.path("type").asString("") + ") is not listed in a"
                        + " | property | ... | default | ... | table");
                return;
            }
            JsonNode defaultValue = property.get("defaultValue");
            if (defaultValue != null && !defaultValue.isNull()) {
                String expected = "`" + render(defaultValue) + "`";
                String asWritten = expected.replace('_', '-'); // an enum constant as YAML writes it: read_only as read-only
                if (!documented.get(name).contains(expected) && !documented.get(name).contains(asWritten)) {
                    problems.add("wrong default: `" + name + "` has the default " + expected + " but the table says \""
                            + documented.get(name) + "\"");
                }
            }
        });
        documented.keySet().forEach(name -> {
            if (!properties.containsKey(name) && !isEntryOfMapProperty(name, properties)) {
                problems.add("unknown: `" + name + "` is listed but is not a property in the metadata");
            }
        });
        if (!problems.isEmpty()) {
            fail("docs/configuration.md does not match " + ROOT.relativize(METADATA) + ":\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    @Test
    void theConfigurationCheckReadsTables() {
        Map<String, String> rows = ConfigurationTable.parse(List.of(
                "| property | type | default | meaning |",
                "|---|---|---|---|",
                "| `clamator.a` | `int` | `16` | something |",
                "| `clamator.b` | `Duration` | none | other |",
                "",
                "| key | meaning |",
                "|---|---|",
                "| `clamator.c` | not a property table |"));
        assertThat(rows).containsExactly(Map.entry("clamator.a", "`16`"), Map.entry("clamator.b", "none"));
    }

    /** A map property such as {@code clamator.backends} documents its entries as {@code clamator.backends.<name>.key-prefix}. */
    private static boolean isEntryOfMapProperty(String name, Map<String, JsonNode> properties) {
        int placeholder = name.indexOf(".<");
        if (placeholder < 0) {
            return false;
        }
        JsonNode map = properties.get(name.substring(0, placeholder));
        return map != null && map.path("type").asString("").startsWith("java.util.Map<");
    }

    private static String render(JsonNode value) {
        if (value.isArray()) {
            List<String> elements = new ArrayList<>();
            value.forEach(element -> elements.add(render(element)));
            return String.join(", ", elements);
        }
        if (value.isString()) {
            return value.stringValue();
        }
        return value.toString().toLowerCase(Locale.ROOT);
    }

    private static List<Path> documents() {
        List<Path> documents = new ArrayList<>();
        documents.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(path -> path.getFileName().toString().endsWith(".md")).sorted().forEach(documents::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** A {@code java} code block: where it starts and its non-blank lines, trimmed. */
    record Snippet(Path document, int line, List<String> lines) {

        static List<Snippet> in(Path document) {
            try {
                return parse(ROOT.relativize(document), Files.readAllLines(document));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static List<Snippet> parse(Path document, List<String> text) {
            List<Snippet> snippets = new ArrayList<>();
            for (int i = 0; i < text.size(); i++) {
                if (!FENCE_OPEN.matcher(text.get(i)).matches()) {
                    continue;
                }
                int start = i + 1;
                List<String> lines = new ArrayList<>();
                for (i++; i < text.size() && !FENCE_CLOSE.matcher(text.get(i)).matches(); i++) {
                    if (!text.get(i).isBlank()) {
                        lines.add(text.get(i).trim());
                    }
                }
                snippets.add(new Snippet(document, start, lines));
            }
            return snippets;
        }

        /** The runs of lines between {@code ...} markers. */
        List<List<String>> parts() {
            List<List<String>> parts = new ArrayList<>();
            List<String> current = new ArrayList<>();
            for (String line : lines) {
                if (line.equals(ELISION)) {
                    if (!current.isEmpty()) {
                        parts.add(current);
                    }
                    current = new ArrayList<>();
                } else {
                    current.add(line);
                }
            }
            if (!current.isEmpty()) {
                parts.add(current);
            }
            return parts;
        }
    }

    /** The Java sources of the repository, as non-blank trimmed lines. */
    static final class Sources {

        final Map<Path, List<String>> files;

        Sources(Map<Path, List<String>> files) {
            this.files = new LinkedHashMap<>();
            files.forEach((path, lines) -> this.files.put(path, lines.stream().map(String::trim).filter(line -> !line.isEmpty()).toList()));
        }

        static Sources load(Path root) {
            try (Stream<Path> paths = Files.walk(root)) {
                Map<Path, List<String>> files = new LinkedHashMap<>();
                paths.filter(path -> path.toString().endsWith(".java"))
                        .map(root::relativize)
                        .filter(Sources::isCompiledSource)
                        .sorted()
                        .forEach(path -> files.put(path, read(root.resolve(path))));
                return new Sources(files);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Under src/{main,test}/java, or what clamator-codegen generated into target/generated-sources/clamator. */
        private static boolean isCompiledSource(Path relative) {
            String path = relative.toString().replace('\\', '/');
            if (path.contains("/target/generated-sources/clamator/")) {
                return true;
            }
            if (Stream.of(path.split("/")).anyMatch(segment -> segment.equals("target") || segment.startsWith("."))) {
                return false;
            }
            return path.contains("/src/main/java/") || path.contains("/src/test/java/");
        }

        private static List<String> read(Path file) {
            try {
                return Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** {@code null} when the snippet is quoted from some file; otherwise what is wrong with it. */
        String check(Snippet snippet) {
            List<List<String>> parts = snippet.parts();
            if (parts.isEmpty()) {
                return snippet.document() + ":" + snippet.line() + ": empty java code block";
            }
            for (List<String> lines : files.values()) {
                if (containsInOrder(lines, parts)) {
                    return null;
                }
            }
            return snippet.document() + ":" + snippet.line() + ": " + closestMatch(parts);
        }

        private static boolean containsInOrder(List<String> lines, List<List<String>> parts) {
            int from = 0;
            for (List<String> part : parts) {
                int at = indexOf(lines, part, from);
                if (at < 0) {
                    return false;
                }
                from = at + part.size();
            }
            return true;
        }

        private static int indexOf(List<String> lines, List<String> part, int from) {
            for (int start = from; start + part.size() <= lines.size(); start++) {
                if (lines.subList(start, start + part.size()).equals(part)) {
                    return start;
                }
            }
            return -1;
        }

        /** Names the file that holds the longest run of the snippet's first lines, and the first line that differs. */
        private String closestMatch(List<List<String>> parts) {
            List<String> all = parts.stream().flatMap(List::stream).toList();
            Path bestFile = null;
            int bestLength = 0;
            for (Map.Entry<Path, List<String>> file : files.entrySet()) {
                List<String> lines = file.getValue();
                for (int start = 0; start < lines.size(); start++) {
                    int length = 0;
                    while (length < all.size() && start + length < lines.size() && lines.get(start + length).equals(all.get(length))) {
                        length++;
                    }
                    if (length > bestLength) {
                        bestLength = length;
                        bestFile = file.getKey();
                    }
                }
            }
            if (bestFile == null) {
                return "its first line is in no source file:\n    " + all.get(0);
            }
            String where = "the longest quoted run (" + bestLength + " of " + all.size() + " lines) is in " + bestFile;
            return bestLength < all.size()
                    ? where + "; the next line differs from the source:\n    " + all.get(bestLength)
                    : where + ", but the parts around '...' are not in that order in one file";
        }
    }

    /** The rows of the property tables of docs/configuration.md: property name to its default cell. */
    static final class ConfigurationTable {

        static Map<String, String> read(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                fail("No " + ROOT.relativize(file) + ": the configuration reference is missing");
            }
            return parse(Files.readAllLines(file));
        }

        static Map<String, String> parse(List<String> lines) {
            Map<String, String> rows = new LinkedHashMap<>();
            int propertyColumn = -1;
            int defaultColumn = -1;
            for (String line : lines) {
                if (!line.trim().startsWith("|")) {
                    propertyColumn = -1;
                    defaultColumn = -1;
                    continue;
                }
                List<String> cells = cells(line);
                if (propertyColumn < 0) {
                    List<String> header = cells.stream().map(cell -> cell.toLowerCase(Locale.ROOT)).toList();
                    if (header.contains("property") && header.contains("default")) {
                        propertyColumn = header.indexOf("property");
                        defaultColumn = header.indexOf("default");
                    }
                    continue;
                }
                if (cells.size() <= Math.max(propertyColumn, defaultColumn)) {
                    continue;
                }
                Matcher property = PROPERTY_CELL.matcher(cells.get(propertyColumn));
                if (property.matches()) {
                    rows.put(property.group(1), cells.get(defaultColumn));
                }
            }
            return rows;
        }

        private static List<String> cells(String line) {
            String trimmed = line.trim();
            String inner = trimmed.substring(1, trimmed.endsWith("|") && trimmed.length() > 1 ? trimmed.length() - 1 : trimmed.length());
            return Stream.of(inner.split("(?<!\\\\)\\|", -1)).map(String::trim).collect(Collectors.toList());
        }
    }
}
