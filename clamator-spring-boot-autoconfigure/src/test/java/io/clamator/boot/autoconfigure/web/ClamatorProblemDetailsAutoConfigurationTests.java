package io.clamator.boot.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.ClamatorService;
import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.fixtures.Stock;
import io.clamator.boot.autoconfigure.fixtures.StockCalls;
import io.clamator.boot.autoconfigure.fixtures.StockService;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import io.clamator.client.CallOptions;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.testing.LogCapture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clamator failures answered as problem details, through real Spring MVC (MockMvc) and WebFlux
 * (WebTestClient) dispatch, with a real clamator service called over the memory transport.
 */
class ClamatorProblemDetailsAutoConfigurationTests {

    private static final AutoConfigurations CLAMATOR = AutoConfigurations.of(ValidationAutoConfiguration.class,
            ClamatorAutoConfiguration.class, ClamatorMemoryTransportAutoConfiguration.class, ClamatorServerAutoConfiguration.class,
            ClamatorClientAutoConfiguration.class, ClamatorProblemDetailsAutoConfiguration.class);

    private static final String[] ENABLED = {"clamator.transport=memory", "clamator.web.problem-details.enabled=true",
        "clamator.web.problem-details.statuses[-32010]=conflict"};

    private final WebApplicationContextRunner mvc = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
                    WebMvcAutoConfiguration.class))
            .withConfiguration(CLAMATOR)
            .withUserConfiguration(StockApplication.class);

    private final ReactiveWebApplicationContextRunner webflux = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
                    WebFluxAutoConfiguration.class))
            .withConfiguration(CLAMATOR)
            .withUserConfiguration(StockApplication.class);

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void offUnlessEnabledAndOnlyInWebApplications() {
        mvc.withPropertyValues("clamator.transport=memory").run(context -> assertThat(context)
                .doesNotHaveBean(ClamatorProblemDetails.class).doesNotHaveBean(ClamatorExceptionHandler.class));
        new ApplicationContextRunner().withConfiguration(CLAMATOR).withPropertyValues(ENABLED)
                .run(context -> assertThat(context).doesNotHaveBean(ClamatorExceptionHandler.class));
        mvc.withPropertyValues(ENABLED).run(context -> assertThat(context).hasSingleBean(ClamatorExceptionHandler.class));
    }

    @Test
    void anApplicationsOwnMappingTakesOver() {
        mvc.withPropertyValues(ENABLED).withBean("ownProblemDetails", ClamatorProblemDetails.class,
                () -> new ClamatorProblemDetails(Map.of(Stock.INSUFFICIENT_STOCK, HttpStatus.UNPROCESSABLE_ENTITY))).run(context -> {
                    assertThat(context).hasSingleBean(ClamatorProblemDetails.class);
                    MvcTestResult shortage = post(MockMvcTester.from((WebApplicationContext) context), "/reserve", "plum", 9);
                    assertThat(shortage).hasStatus(HttpStatus.UNPROCESSABLE_ENTITY);
                });
    }

    @Test
    void springMvcAnswersEachKindOfFailureWithItsProblem() {
        mvc.withPropertyValues(ENABLED).run(context -> {
            MockMvcTester tester = MockMvcTester.from((WebApplicationContext) context);
            for (String path : new String[] {"/reserve", "/reserve-async"}) {
                MvcTestResult shortage = post(tester, path, "plum", 9);
                assertThat(shortage).hasStatus(HttpStatus.CONFLICT).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
                JsonNode body = body(shortage);
                assertThat(body.get("status").intValue()).isEqualTo(409);
                assertThat(body.get("detail").stringValue()).isEqualTo("insufficient stock");
                assertThat(body.get("code").intValue()).isEqualTo(Stock.INSUFFICIENT_STOCK);
                assertThat(body.get("data").get("available").intValue()).isEqualTo(3);

                JsonNode invalid = body(post(tester, path, "plum", 0));
                assertThat(invalid.get("status").intValue()).as(path).isEqualTo(400);
                assertThat(invalid.get("code").intValue()).isEqualTo(-32602);
                assertThat(invalid.get("data").get("errors").get(0).get("path").stringValue()).isEqualTo("quantity");

                JsonNode internal = body(post(tester, path, "boom", 1));
                assertThat(internal.get("status").intValue()).isEqualTo(502);
                assertThat(internal.get("code").intValue()).isEqualTo(-32603);
                assertThat(internal.has("data")).as("the service's internals stay out of the answer").isFalse();
                assertThat(internal.toString()).doesNotContain("locked");
            }
            try (LogCapture logs = LogCapture.of(ClamatorExceptionHandler.class)) {
                JsonNode timeout = body(post(tester, "/reserve-quickly", "slow", 1));
                assertThat(timeout.get("status").intValue()).isEqualTo(504);
                assertThat(timeout.get("detail").stringValue()).isEqualTo("The service did not answer in time.");
                assertThat(logs.messages()).anySatisfy(line -> assertThat(line)
                        .startsWith("clamator call failed, answered 504: ").contains("call timeout"));
            }
            MvcTestResult unreachable = tester.get().uri("/unreachable").exchange();
            assertThat(unreachable).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(body(unreachable).get("detail").stringValue()).isEqualTo("The service cannot be reached.");
            assertThat(post(tester, "/reserve", "plum", 2)).hasStatusOk();
        });
    }

    @Test
    void webfluxAnswersEachKindOfFailureWithItsProblem() {
        webflux.withPropertyValues(ENABLED).run(context -> {
            WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
            JsonNode shortage = exchange(client, "plum", 9, 409);
            assertThat(shortage.get("code").intValue()).isEqualTo(Stock.INSUFFICIENT_STOCK);
            assertThat(shortage.get("data").get("sku").stringValue()).isEqualTo("plum");
            assertThat(exchange(client, "plum", 0, 400).get("data").get("errors").get(0).get("path").stringValue())
                    .isEqualTo("quantity");
            assertThat(exchange(client, "boom", 1, 502).has("data")).isFalse();
            client.get().uri("/unreachable").exchange().expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            client.post().uri("/reserve-later").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"sku\":\"plum\",\"quantity\":2}").exchange().expectStatus().isOk();
        });
    }

    private JsonNode exchange(WebTestClient client, String sku, int quantity, int status) {
        byte[] body = client.post().uri("/reserve-later").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}")
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        return json.readTree(body);
    }

    private static MvcTestResult post(MockMvcTester tester, String path, String sku, int quantity) {
        return tester.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}").exchange();
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    @Configuration(proxyBeanMethods = false)
    static class StockApplication {

        @Bean
        @ClamatorService
        Stock stock() {
            return new StockService();
        }

        @Bean
        StockController stockController() {
            return new StockController();
        }
    }

    /** Calls the stock service through clamator, in each form a controller would. */
    @RestController
    static class StockController {

        @ClamatorClient
        StockCalls stock;

        @PostMapping("/reserve")
        Stock.Reservation reserve(@RequestBody Stock.ReserveRequest request) {
            return stock.reserve(request);
        }

        @PostMapping("/reserve-async")
        CompletableFuture<Stock.Reservation> reserveAsync(@RequestBody Stock.ReserveRequest request) {
            return stock.reserveAsync(request);
        }

        @PostMapping("/reserve-later")
        Mono<Stock.Reservation> reserveLater(@RequestBody Stock.ReserveRequest request) {
            return stock.reserveLater(request);
        }

        @PostMapping("/reserve-quickly")
        Stock.Reservation reserveQuickly(@RequestBody Stock.ReserveRequest request) {
            return CallOptions.timeout(Duration.ofMillis(200)).on(stock).reserve(request);
        }

        @GetMapping("/unreachable")
        Stock.Reservation unreachable() {
            throw new ClamatorTransportException("send failed: connection refused");
        }
    }
}
