package io.clamator.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.json.ClamatorJson;
import io.clamator.server.ServerOptions;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcClient;
import io.clamator.transport.memory.MemoryRpcServer;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contracts of upstream's codegen tests ({@code arith}, {@code launch}, {@code notifications};
 * re-typed under src/test/zod/upstream and lowered into upstream-description.json): the hashes
 * are the ones upstream's manifest carries, and the Java generated from them compiles without
 * warnings, reads and writes their wire shapes, and serves and calls.
 */
class UpstreamFixturesTest {

    private final ContractsDescription description = ContractsDescription.read(resource("upstream-description.json"));
    private final List<GeneratedSource> sources = new JavaGenerator(GeneratorOptions.of("io.example.contracts")).generate(description);
    private final Map<String, String> byName = sources.stream()
            .collect(Collectors.toMap(GeneratedSource::qualifiedName, GeneratedSource::content));

    static Path resource(String name) {
        try {
            return Path.of(UpstreamFixturesTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theHashesAreThoseOfTheManifestUpstreamsCodegenWritesForTheFixtures() {
        // upstream-manifest.json: what upstream's lower and manifest code writes for these fixtures (zod 3.25.76, zod-to-json-schema 3.25.2)
        UpstreamManifest manifest = UpstreamManifest.read(resource("upstream-manifest.json"));
        assertThat(manifest.differencesFrom(description)).isEmpty();
        assertThat(manifest.hashes()).containsKeys("arith.add", "arith.divide", "launch.start", "notifications.ping");
        assertThat(manifest.hashes().get("notifications.ping").resultHash()).isNull();
        description.contracts().forEach(contract -> contract.methods().forEach(method -> {
            assertThat(SchemaHash.of(method.params())).as("JSON.stringify's text, hashed in Java").isEqualTo(method.paramsHash());
            if (method.result() != null) {
                assertThat(SchemaHash.of(method.result())).isEqualTo(method.resultHash());
            }
        }));
    }

    @Test
    void aSchemaThatChangedIsNamedAgainstTheManifest() {
        ContractsDescription.Method add = description.contracts().get(0).methods().get(0);
        ObjectNode changed = (ObjectNode) add.params().deepCopy();
        changed.withObject("properties").withObject("a").put("type", "number");
        ContractsDescription.Method changedAdd = new ContractsDescription.Method(add.name(), false, changed, add.result(),
                SchemaHash.of(changed), add.resultHash());
        ContractsDescription.Contract arith = description.contracts().get(0);
        List<ContractsDescription.Method> methods = new java.util.ArrayList<>(arith.methods());
        methods.set(0, changedAdd);
        List<ContractsDescription.Contract> contracts = new java.util.ArrayList<>(description.contracts());
        contracts.set(0, new ContractsDescription.Contract(arith.service(), arith.source(), arith.export(), methods));

        assertThat(UpstreamManifest.read(resource("upstream-manifest.json"))
                .differencesFrom(new ContractsDescription(description.generatedBy(), contracts)))
                .singleElement().satisfies(line -> assertThat(line).startsWith("arith.add: params hash " + SchemaHash.of(changed))
                        .endsWith("e5d51ce338d3a4663c3aad0cc8c2fa88767a2ccfe5db2ab9c6a45d65b64ba131 in the manifest"));
    }

    @Test
    void theContractsReadAsIfWrittenByHand() {
        assertThat(byName).containsOnlyKeys("io.example.contracts.Arith", "io.example.contracts.Launch", "io.example.contracts.Notifications");
        assertThat(byName.get("io.example.contracts.Arith"))
                .contains("@ClamatorContract(\"arith\")\npublic interface Arith {")
                .contains("    AddResult add(AddParams params);\n")
                .contains("    DivideResult divide(DivideParams params);\n")
                .contains("    record AddParams(\n            long a,\n            long b) {\n    }")
                .contains("    record DivideResult(\n            double q,\n            long r) {\n    }");
        assertThat(byName.get("io.example.contracts.Launch"))
                .contains("    StartResult start(StartParams params);\n")
                .contains("    record StartParams(@NotNull String processId) {\n    }")
                .contains("@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = \"ok\")")
                .contains("@JsonSubTypes.Type(value = Ok.class, name = \"true\")")
                .contains("@JsonSubTypes.Type(value = NotOk.class, name = \"false\")")
                .contains("    sealed interface StartResult {\n    }")
                .contains("    record Ok(@NotNull String runId) implements StartResult {")
                .contains("    record NotOk(@NotNull Reason reason) implements StartResult {")
                .contains("        @JsonProperty(\"not-launchable\") NOT_LAUNCHABLE,\n");
        assertThat(byName.get("io.example.contracts.Notifications"))
                .contains("    @Notification\n    void ping(PingParams params);\n")
                .contains("    record PingParams(String tag) {\n    }");
    }

    @Test
    void theGeneratedTypesReadAndWriteTheWireShapes(@TempDir Path folder) throws Exception {
        try (Compiled compiled = Compiled.of(sources, folder)) {
            ClamatorJson json = ClamatorJson.defaults();
            Class<?> startResult = compiled.type("io.example.contracts.Launch$StartResult");
            Object started = json.mapper().readValue("{\"ok\":true,\"runId\":\"r-1\"}", startResult);
            assertThat(started.getClass().getSimpleName()).isEqualTo("Ok");
            assertThat(json.mapper().writeValueAsString(started)).isEqualTo("{\"runId\":\"r-1\",\"ok\":true}");
            Object refused = json.mapper().readValue("{\"ok\":false,\"reason\":\"not-found\"}", startResult);
            assertThat(refused.getClass().getSimpleName()).isEqualTo("NotOk");
            assertThat(json.mapper().writeValueAsString(refused)).isEqualTo("{\"reason\":\"not-found\",\"ok\":false}");
            Object ping = json.mapper().readValue("{}", compiled.type("io.example.contracts.Notifications$PingParams"));
            assertThat(json.mapper().writeValueAsString(ping)).as("an absent optional field stays absent").isEqualTo("{}");
        }
    }

    @Test
    void theGeneratedArithIsServedAndCalled(@TempDir Path folder) throws Exception {
        try (Compiled compiled = Compiled.of(sources, folder)) {
            Class<?> arith = compiled.type("io.example.contracts.Arith");
            Class<?> addParams = compiled.type("io.example.contracts.Arith$AddParams");
            Class<?> addResult = compiled.type("io.example.contracts.Arith$AddResult");
            Object service = Proxy.newProxyInstance(arith.getClassLoader(), new Class<?>[] {arith}, (proxy, method, args) -> {
                RecordComponent[] parts = addParams.getRecordComponents();
                long sum = (long) parts[0].getAccessor().invoke(args[0]) + (long) parts[1].getAccessor().invoke(args[0]);
                return addResult.getDeclaredConstructor(long.class).newInstance(sum);
            });
            MemoryBus bus = new MemoryBus();
            MemoryRpcServer server = new MemoryRpcServer(bus, ServerOptions.defaults());
            registerAs(server, arith, service);
            server.start();
            try (MemoryRpcClient client = new MemoryRpcClient(bus)) {
                client.start();
                Object remote = client.proxy(arith);
                Method add = arith.getMethod("add", addParams);
                Object result = add.invoke(remote, addParams.getDeclaredConstructor(long.class, long.class).newInstance(40L, 2L));
                assertThat(addResult.getRecordComponents()[0].getAccessor().invoke(result)).isEqualTo(42L);
            } finally {
                server.stop();
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerAs(MemoryRpcServer server, Class<?> contract, Object service) {
        server.register((Class) contract, service);
    }
}
