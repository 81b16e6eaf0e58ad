package io.clamator.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generation deletes only its own files that are gone, whatever else shares its folder. */
class GenerationRecordTest {

    private final ContractsDescription upstream = ContractsDescription.read(UpstreamFixturesTest.resource("upstream-description.json"));

    private static List<GeneratedSource> generate(String packageName, List<ContractsDescription.Contract> contracts) {
        return new JavaGenerator(new GeneratorOptions(packageName, GeneratorOptions.Calls.BLOCKING))
                .generate(new ContractsDescription(null, contracts));
    }

    @Test
    void aGenerationDeletesWhatItNoLongerWritesAndKeepsTheFilesOfAnotherSharingTheFolder(@TempDir Path folder) throws IOException {
        Path root = folder.resolve("generated");
        GenerationRecord server = new GenerationRecord(folder.resolve("records/server.files"));
        GenerationRecord client = new GenerationRecord(folder.resolve("records/client.files"));
        assertThat(server.apply(root, generate("io.example.server", upstream.contracts()))).isEqualTo(new GenerationRecord.Outcome(3, 0));
        assertThat(client.apply(root, generate("io.example.client", upstream.contracts()))).isEqualTo(new GenerationRecord.Outcome(3, 0));

        List<GeneratedSource> withoutTheFirst = generate("io.example.server",
                upstream.contracts().subList(1, upstream.contracts().size()));
        Path gone = root.resolve(generate("io.example.server", upstream.contracts()).get(0).relativePath());
        assertThat(withoutTheFirst).extracting(GeneratedSource::relativePath).doesNotContain(root.relativize(gone));
        assertThat(gone).exists();
        assertThat(server.apply(root, withoutTheFirst)).isEqualTo(new GenerationRecord.Outcome(0, 1));
        assertThat(gone).doesNotExist();
        try (var files = Files.walk(root.resolve("io/example/client"))) {
            assertThat(files.filter(Files::isRegularFile)).as("the other generation's files").hasSize(3);
        }
    }

    @Test
    void aRecordedFileReplacedByHandIsKept(@TempDir Path folder) throws IOException {
        Path root = folder.resolve("generated");
        GenerationRecord record = new GenerationRecord(folder.resolve("generation.files"));
        List<GeneratedSource> sources = generate("io.example", upstream.contracts());
        record.apply(root, sources);
        Path replaced = root.resolve(sources.get(0).relativePath());
        Files.writeString(replaced, "package io.example;\n\npublic interface Written { }\n");

        assertThat(record.apply(root, sources.subList(1, sources.size())).deleted()).isZero();
        assertThat(replaced).hasContent("package io.example;\n\npublic interface Written { }\n");
    }

    @Test
    void aRecordListingAbsolutePathsKeepsTheFilesStillGenerated(@TempDir Path folder) throws IOException {
        Path root = folder.resolve("generated");
        List<GeneratedSource> sources = generate("io.example", upstream.contracts());
        Path recordFile = folder.resolve("generation.files");
        Files.createDirectories(root);
        Files.write(recordFile, sources.stream().map(source -> root.resolve(source.relativePath()).toAbsolutePath().toString()).toList());

        assertThat(new GenerationRecord(recordFile).apply(root, sources)).isEqualTo(new GenerationRecord.Outcome(3, 0));
        assertThat(root.resolve(sources.get(0).relativePath())).exists();
        assertThat(Files.readAllLines(recordFile)).as("listed relative to the folder from now on")
                .allSatisfy(line -> assertThat(Path.of(line).isAbsolute()).isFalse());
    }
}
