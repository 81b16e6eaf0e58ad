package io.clamator.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.test.redis.TestRedis;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole application against a real Redis: REST in, clamator over Redis Streams, the inventory service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    private int port;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> TestRedis.shared().url());
        registry.add("clamator.key-prefix", () -> "sample-" + UUID.randomUUID());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readsStockThroughClamator() throws Exception {
        HttpResponse<String> response = get("/api/stock/apple");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("available").intValue()).isEqualTo(120);
    }

    @Test
    void reservesAndReportsShortagesWithTheApplicationErrorCode() throws Exception {
        HttpResponse<String> reserved = post("/api/reservations", "{\"sku\":\"pear\",\"quantity\":5,\"orderId\":\"o-1\"}");
        assertThat(reserved.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(reserved.body()).get("remaining").intValue()).isEqualTo(35);

        HttpResponse<String> again = post("/api/reservations", "{\"sku\":\"pear\",\"quantity\":5,\"orderId\":\"o-1\"}");
        assertThat(JSON.readTree(again.body()).get("remaining").intValue()).as("idempotent per order").isEqualTo(35);

        HttpResponse<String> shortage = post("/api/reservations", "{\"sku\":\"plum\",\"quantity\":10,\"orderId\":\"o-2\"}");
        assertThat(shortage.statusCode()).isEqualTo(409);
        JsonNode error = JSON.readTree(shortage.body());
        assertThat(error.get("code").intValue()).isEqualTo(-32010);
        assertThat(shortage.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(error.get("detail").stringValue()).isEqualTo("insufficient stock");
        assertThat(error.get("data").toString()).isEqualTo("{\"sku\":\"plum\",\"available\":3,\"requested\":10}");
    }

    @Test
    void rejectsInvalidParamsOnTheServingSide() throws Exception {
        HttpResponse<String> response = post("/api/reservations", "{\"sku\":\"apple\",\"quantity\":0,\"orderId\":\"o-3\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("code").intValue()).isEqualTo(-32602);
    }

    @Test
    void restockNotificationsAreHandled() throws Exception {
        assertThat(post("/api/restock", "{\"sku\":\"kiwi\",\"quantity\":7}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(JSON.readTree(get("/api/stock/kiwi").body()).get("available").intValue()).isEqualTo(7));
    }
}
