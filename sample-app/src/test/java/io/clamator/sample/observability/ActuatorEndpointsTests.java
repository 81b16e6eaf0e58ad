package io.clamator.sample.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clamator.client.RpcClient;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.sample.SampleApplication;
import io.clamator.sample.docs.RepositoryRoot;
import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisServer;
import io.lettuce.core.Consumer;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample's Actuator endpoints over HTTP, with the sample serving and calling over a real
 * Redis: health, the {@code clamator} endpoint (reads and its safe writes), and Prometheus
 * exposing every metric the Grafana dashboard in {@code docs/grafana} queries.
 */
class ActuatorEndpointsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern METRIC = Pattern.compile("\\b((?:clamator|rpc_server|rpc_client)_[a-z_]+)\\{");
    private static final Pattern GROUPED_BY = Pattern.compile("by \\(([a-z_, ]+)\\)");

    private final String keyPrefix = "actuator-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext sample;
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private String base;

    @BeforeEach
    void startSample() {
        startSample(List.of());
        redisClient = RedisClient.create(TestRedis.shared().url());
        connection = redisClient.connect();
        redis = connection.sync();
    }

    private void startSample(List<String> moreArguments) {
        startSample(TestRedis.shared().url(), moreArguments);
    }

    private void startSample(String redisUrl, List<String> moreArguments) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--clamator.transport=redis",
                "--spring.data.redis.url=" + redisUrl, "--clamator.key-prefix=" + keyPrefix));
        arguments.addAll(moreArguments);
        sample = new SpringApplicationBuilder(SampleApplication.class).run(arguments.toArray(String[]::new));
        base = "http://localhost:" + sample.getEnvironment().getProperty("local.server.port") + "/actuator";
    }

    @AfterEach
    void stopSample() {
        sample.close();
        connection.close();
        redisClient.shutdown();
    }

    @Test
    void healthShowsClamatorUp() throws Exception {
        JsonNode health = get("/health", 200);
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("clamator").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("clamator").path("details").path("server").path("service inventory")
                .path("consumer loop").asString()).isEqualTo("reading");
    }

    @Test
    void theClamatorEndpointShowsWhatIsServedAndCalledAndEveryServiceOnThePrefix() throws Exception {
        redis.xadd(keyPrefix + ":cmds:billing", "type", "rpc", "envelope", "{}");

        JsonNode clamator = get("/clamator", 200);

        JsonNode inventory = clamator.path("server").path("services").path(0);
        assertThat(inventory.path("name").asString()).isEqualTo("inventory");
        assertThat(inventory.path("concurrency").asInt()).isEqualTo(4);
        assertThat(inventory.path("notifications").path(0).asString()).isEqualTo("restocked");
        String consumer = inventory.path("consumer").asString();
        assertThat(consumer).startsWith("inventory:");
        assertThat(clamator.path("clients").path("default").path("replyStream").asString()).startsWith(keyPrefix + ":replies:");
        JsonNode prefix = clamator.path("redis").path(0);
        assertThat(prefix.path("keyPrefix").asString()).isEqualTo(keyPrefix);
        assertThat(prefix.path("services").findValuesAsString("service")).containsExactly("billing", "inventory");
        assertThat(prefix.path("services").path(0).path("lag").asLong()).as("nothing serves billing").isEqualTo(1);
        assertThat(prefix.path("services").path(1).path("consumers").findValuesAsString("name")).contains(consumer);

        assertThat(get("/clamator/" + keyPrefix, 200).path("services").size()).isEqualTo(2);
        assertThat(status("GET", "/clamator/some-other-prefix")).as("only this instance's prefixes").isEqualTo(404);
    }

    @Test
    void deadLettersAreListedReplayedAndPurged() throws Exception {
        String deadLetters = keyPrefix + ":dead-letters";
        String first = redis.xadd(deadLetters, deadLetter());
        String second = redis.xadd(deadLetters, deadLetter());
        assertThat(get("/clamator", 200).path("redis").path(0).path("deadLetters").asLong()).isEqualTo(2);
        assertThat(get("/clamator/" + keyPrefix + "/dead-letters", 200).findValuesAsString("id")).containsExactly(first, second);

        JsonNode replayed = send("POST", "/clamator/" + keyPrefix + "/dead-letters/" + first, 200);
        assertThat(redis.xrange(keyPrefix + ":cmds:ghost", Range.create("-", "+")))
                .singleElement().satisfies(entry -> assertThat(entry.getId()).isEqualTo(replayed.path("entry").asString()));
        assertThat(status("POST", "/clamator/" + keyPrefix + "/dead-letters/" + first)).as("already replayed").isEqualTo(400);
        assertThat(status("DELETE", "/clamator/" + keyPrefix + "/dead-letters/not-an-id")).isEqualTo(400);
        assertThat(status("DELETE", "/clamator/" + keyPrefix + "/dead-letters/99999999999999999999-0")).as("past 64 bits").isEqualTo(400);

        assertThat(send("DELETE", "/clamator/" + keyPrefix + "/dead-letters/" + second, 200).path("found").asBoolean()).isTrue();
        redis.xadd(deadLetters, deadLetter());
        assertThat(send("DELETE", "/clamator/" + keyPrefix + "/dead-letters", 200).path("purged").asLong()).isEqualTo(1);
        assertThat(redis.exists(deadLetters)).isZero();
        assertThat(status("DELETE", "/clamator/some-other-prefix/dead-letters")).isEqualTo(400);
    }

    @Test
    void deadLettersEnvelopesAreMaskedUnlessShowValuesShowsThem() throws Exception {
        redis.xadd(keyPrefix + ":dead-letters", deadLetter());
        assertThat(get("/clamator/" + keyPrefix + "/dead-letters", 200).path(0).path("envelope").asString()).isEqualTo("******");

        sample.close();
        startSample(List.of("--management.endpoint.clamator.show-values=always"));
        assertThat(get("/clamator/" + keyPrefix + "/dead-letters", 200).path(0).path("envelope").asString())
                .isEqualTo(deadLetter().get("envelope"));
    }

    @Test
    void onlyAConsumerWithNothingPendingIdleForAMinuteIsRemoved() throws Exception {
        String stream = keyPrefix + ":cmds:inventory";
        redis.xgroupCreateconsumer(stream, Consumer.from("inventory", "inventory:gone"));
        JsonNode removal = send("DELETE", "/clamator/" + keyPrefix + "/consumers/inventory/inventory:gone", 200);
        assertThat(removal.path("outcome").asString()).as("idle for less than a minute").isEqualTo("ACTIVE");
        assertThat(send("DELETE", "/clamator/" + keyPrefix + "/consumers/inventory/inventory:never", 200).path("outcome").asString())
                .isEqualTo("UNKNOWN");
        assertThat(status("DELETE", "/clamator/" + keyPrefix + "/consumers/inventory")).as("no consumer named").isEqualTo(400);
    }

    @Test
    void aRedisThatDoesNotAnswerIsServiceUnavailableWithinTheConfiguredCommandTimeout() throws Exception {
        sample.close();
        try (TestRedisServer unsteady = TestRedis.startDedicated()) {
            startSample(unsteady.url(), List.of("--clamator.redis.command-timeout=500ms"));
            get("/clamator/" + keyPrefix, 200);
            unsteady.freeze();
            try {
                long asked = System.nanoTime();
                HttpResponse<String> response = exchange("GET", "/clamator/" + keyPrefix);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("the configured 500 ms per command, not the default 10 s")
                        .isLessThan(Duration.ofSeconds(8));
            } finally {
                unsteady.resume();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status("GET", "/clamator/" + keyPrefix)).isEqualTo(200));
            sample.close();
        }
    }

    @Test
    void prometheusExposesEveryMetricTheGrafanaDashboardQueries() throws Exception {
        assertThatThrownBy(() -> sample.getBean(RpcClient.class).call("ghost", "lookup", Map.of(), Object.class, Duration.ofMillis(200)))
                .isInstanceOf(ClamatorTimeoutException.class);
        String scrape = text("/prometheus");
        String dashboard = Files.readString(RepositoryRoot.find().resolve("docs/grafana/clamator.json"));
        Set<String> queried = new LinkedHashSet<>();
        Set<String> labels = new LinkedHashSet<>();
        for (JsonNode expression : JSON.readTree(dashboard).findValues("expr")) {
            collect(METRIC.matcher(expression.asString()), queried);
            Matcher grouped = GROUPED_BY.matcher(expression.asString());
            while (grouped.find()) {
                for (String label : grouped.group(1).split(",\\s*")) {
                    labels.add(label.trim());
                }
            }
        }
        assertThat(queried).hasSizeGreaterThan(10);
        assertThat(queried).allSatisfy(metric -> assertThat(scrape).as("the sample exposes %s", metric).containsPattern("(?m)^" + metric + "\\{"));
        assertThat(labels).allSatisfy(label -> assertThat(scrape).as("some metric carries label %s", label).contains(label + "=\""));
        assertThat(scrape).contains("clamator_stream_lag{clamator_key_prefix=\"" + keyPrefix + "\",rpc_service=\"inventory\"}");
    }

    private static Map<String, String> deadLetter() {
        return Map.of("service", "ghost", "entry", "1-0", "envelope", "{\"jsonrpc\":\"2.0\",\"method\":\"ghost.haunt\",\"params\":{}}",
                "reply-to", "", "deliveries", "6", "consumer", "ghost:gone", "reason", "delivery limit exceeded");
    }

    private static void collect(Matcher matcher, Set<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private JsonNode get(String path, int expectedStatus) throws IOException, InterruptedException {
        return send("GET", path, expectedStatus);
    }

    private JsonNode send(String method, String path, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange(method, path);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    private int status(String method, String path) throws IOException, InterruptedException {
        return exchange(method, path).statusCode();
    }

    private String text(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange("GET", path);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> exchange(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
