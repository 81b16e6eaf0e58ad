package io.clamator.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.clamator.contract.ClamatorContract;
import io.clamator.contract.Notification;
import io.clamator.json.ClamatorJson;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.EnvelopeCodec;
import io.clamator.protocol.RpcException;
import io.clamator.server.PayloadValidator;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import io.clamator.testing.LogCapture;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

class RpcDispatcherTest {

    @ClamatorContract("matrix")
    public interface Matrix {
        Sum add(Pair params);

        Sum validated(Bounded params);

        Sum rpcError(Pair params);

        Sum boom(Pair params);

        Sum nullResult(Pair params);

        Label invalidResult(Pair params);

        Sum nanResult(Pair params);

        void nothing(Pair params);

        CompletableFuture<Sum> asyncAdd(Pair params);

        CompletableFuture<Sum> asyncRpcError(Pair params);

        Mono<Sum> monoAdd(Pair params);

        @Notification
        void note(Pair params);

        @Notification
        void noteBoom(Pair params);

        @Notification
        void noteRpcError(Pair params);
    }

    public record Pair(double a, double b) {
    }

    public record Bounded(@Min(0) int count, @NotNull String name) {
    }

    public record Sum(double sum) {
    }

    public record Label(@NotBlank String text) {
    }

    static final class MatrixService implements Matrix {
        final AtomicInteger calls = new AtomicInteger();

        private Sum sum(Pair p) {
            calls.incrementAndGet();
            return new Sum(p.a() + p.b());
        }

        @Override
        public Sum add(Pair params) {
            return sum(params);
        }

        @Override
        public Sum validated(Bounded params) {
            calls.incrementAndGet();
            return new Sum(params.count());
        }

        @Override
        public Sum rpcError(Pair params) {
            calls.incrementAndGet();
            throw new RpcException(-32001, "custom failure", Map.of("k", 1));
        }

        @Override
        public Sum boom(Pair params) {
            calls.incrementAndGet();
            throw new IllegalStateException("kaput");
        }

        @Override
        public Sum nullResult(Pair params) {
            calls.incrementAndGet();
            return null;
        }

        @Override
        public Label invalidResult(Pair params) {
            calls.incrementAndGet();
            return new Label(" ");
        }

        @Override
        public Sum nanResult(Pair params) {
            calls.incrementAndGet();
            return new Sum(Double.NaN);
        }

        @Override
        public void nothing(Pair params) {
            calls.incrementAndGet();
        }

        @Override
        public CompletableFuture<Sum> asyncAdd(Pair params) {
            return CompletableFuture.supplyAsync(() -> sum(params));
        }

        @Override
        public CompletableFuture<Sum> asyncRpcError(Pair params) {
            calls.incrementAndGet();
            return CompletableFuture.failedFuture(new RpcException(-32050, "async failure"));
        }

        @Override
        public Mono<Sum> monoAdd(Pair params) {
            return Mono.fromSupplier(() -> sum(params));
        }

        @Override
        public void note(Pair params) {
            calls.incrementAndGet();
        }

        @Override
        public void noteBoom(Pair params) {
            calls.incrementAndGet();
            throw new IllegalArgumentException("notification failed");
        }

        @Override
        public void noteRpcError(Pair params) {
            calls.incrementAndGet();
            throw new RpcException(-32000, "expected");
        }
    }

    private final ClamatorJson json = ClamatorJson.defaults();
    private final MatrixService implementation = new MatrixService();
    private final ServiceDefinition service = ServiceDefinition.of(Matrix.class, implementation);
    private final RpcDispatcher dispatcher = new RpcDispatcher(ServerOptions.defaults());
    private final LogCapture logs = LogCapture.of(RpcDispatcher.class);

    @AfterEach
    void closeLogs() {
        logs.close();
    }

    private Envelope.Response request(String method, String params) {
        return dispatcher.dispatch(service, new Envelope.Request(StringNode.valueOf("id-1"), "matrix", method, json.readTree(params))).join();
    }

    private Envelope.Response notification(String method, String params) {
        return dispatcher.dispatch(service, new Envelope.Notification("matrix", method, json.readTree(params))).join();
    }

    private static Envelope.Error error(Envelope.Response response) {
        assertThat(response).isInstanceOf(Envelope.Error.class);
        Envelope.Error error = (Envelope.Error) response;
        assertThat(error.id()).isEqualTo(StringNode.valueOf("id-1"));
        return error;
    }

    private static JsonNode result(Envelope.Response response) {
        assertThat(response).isInstanceOf(Envelope.Success.class);
        return ((Envelope.Success) response).result();
    }

    @Test
    void answersASuccessfulRequestEchoingTheId() {
        assertThat(result(request("add", "{\"a\":2,\"b\":3}")).toString()).isEqualTo("{\"sum\":5.0}");
        Envelope.Response integerId = dispatcher.dispatch(service,
                new Envelope.Request(IntNode.valueOf(7), "matrix", "add", json.readTree("{\"a\":1,\"b\":1}"))).join();
        assertThat(integerId.id()).isEqualTo(IntNode.valueOf(7));
    }

    @Test
    void unknownMethodOrServiceIsMethodNotFoundBeforeParamsAreLookedAt() {
        Envelope.Error unknownMethod = error(request("missing", "{\"a\":\"two\"}"));
        assertThat(unknownMethod.code()).isEqualTo(-32601);
        assertThat(unknownMethod.message()).isEqualTo("Method not found");
        assertThat(unknownMethod.data().isNull()).isTrue();
        Envelope.Response unknownService = dispatcher.dispatch(null,
                new Envelope.Request(StringNode.valueOf("id-1"), "nobody", "add", json.objectNode())).join();
        assertThat(error(unknownService).code()).isEqualTo(-32601);
    }

    @Test
    void paramsThatDoNotBindAreInvalidParamsWithThePathAndAWarning() {
        Envelope.Error error = error(request("add", "{\"a\":\"two\",\"b\":3}"));
        assertThat(error.code()).isEqualTo(-32602);
        assertThat(error.message()).isEqualTo("Invalid params");
        JsonNode first = error.data().get("errors").get(0);
        assertThat(first.get("path").stringValue()).isEqualTo("a");
        assertThat(first.get("message").stringValue()).isNotBlank();
        assertThat(implementation.calls).hasValue(0);
        ILoggingEvent warning = logs.at(Level.WARN).get(0);
        assertThat(warning.getFormattedMessage()).startsWith("RPC params validation failed: matrix.add id=id-1");
    }

    @Test
    void aFloodOfInvalidParamsIsAnsweredInFullButLoggedAtMostTwentyTimesAMinute() {
        for (int i = 0; i < 50; i++) {
            assertThat(error(request("add", "{\"a\":\"two\",\"b\":3}")).code()).isEqualTo(-32602);
            notification("missing", "{}");
        }
        assertThat(logs.at(Level.WARN)).hasSize(20);
    }

    record Order(String name, int count, Kind kind, List<Line> lines, java.math.BigDecimal price) {
    }

    record Line(String sku, int quantity) {
    }

    enum Kind {
        @com.fasterxml.jackson.annotation.JsonProperty("small") SMALL,
        @com.fasterxml.jackson.annotation.JsonProperty("large") LARGE
    }

    private List<String> bindingErrors(RpcDispatcher dispatching, String params) {
        ServiceDefinition orders = ServiceDefinition.builder("orders").request("place", Order.class, Order.class, order -> order).build();
        Envelope.Error error = error(dispatching.dispatch(orders,
                new Envelope.Request(StringNode.valueOf("id-1"), "orders", "place", json.readTree(params))).join());
        assertThat(error.code()).isEqualTo(-32602);
        List<String> found = new java.util.ArrayList<>();
        error.data().get("errors").forEach(entry -> found.add(entry.get("path").stringValue() + ": " + entry.get("message").stringValue()));
        return found;
    }

    @Test
    void noScalarIsReadAsAnotherKindAndTheErrorSaysWhatWasExpectedInPlainWords() {
        assertThat(bindingErrors(dispatcher, "{\"name\":5,\"count\":1,\"kind\":\"small\",\"lines\":[]}"))
                .containsExactly("name: expected a string, got a number (5)");
        assertThat(bindingErrors(dispatcher, "{\"name\":true,\"count\":1,\"kind\":\"small\",\"lines\":[]}"))
                .containsExactly("name: expected a string, got true");
        assertThat(bindingErrors(dispatcher, "{\"name\":\"x\",\"count\":\"one\",\"kind\":\"small\",\"lines\":[]}"))
                .containsExactly("count: expected an integer, got a string (\"one\")");
        assertThat(bindingErrors(dispatcher, "{\"name\":\"x\",\"count\":1.5,\"kind\":\"small\",\"lines\":[]}"))
                .containsExactly("count: expected an integer, got 1.5");
        assertThat(bindingErrors(dispatcher, "{\"name\":\"x\",\"count\":3000000000,\"kind\":\"small\",\"lines\":[]}"))
                .containsExactly("count: expected an integer from -2147483648 to 2147483647, got 3000000000");
        assertThat(bindingErrors(dispatcher, "{\"name\":\"x\",\"kind\":\"small\",\"lines\":[]}"))
                .containsExactly("count: is required");
        assertThat(bindingErrors(dispatcher, "{\"name\":\"x\",\"count\":1,\"kind\":\"huge\",\"lines\":[]}"))
                .containsExactly("kind: expected one of [small, large], got a string (\"huge\")");
        assertThat(bindingErrors(dispatcher, "{\"name\":\"x\",\"count\":1,\"kind\":0,\"lines\":[]}"))
                .as("no enum by its ordinal").containsExactly("kind: expected one of [small, large], got a number (0)");
        assertThat(bindingErrors(dispatcher, "{\"name\":\"x\",\"count\":1,\"kind\":\"small\",\"lines\":[{\"sku\":\"a\",\"quantity\":1},"
                + "{\"sku\":\"b\",\"quantity\":\"two\"}]}"))
                .containsExactly("lines[1].quantity: expected an integer, got a string (\"two\")");
        assertThat(bindingErrors(dispatcher, "{\"name\":\"x\",\"count\":1,\"kind\":\"small\",\"lines\":{}}"))
                .containsExactly("lines: expected an array, got an object");
        assertThat(bindingErrors(dispatcher, "{\"name\":\"x\",\"count\":1,\"kind\":\"small\",\"lines\":[],\"price\":\"twelve\"}"))
                .containsExactly("price: expected a decimal number (a JSON number, or a string holding one), got a string (\"twelve\")");
        assertThat(bindingErrors(dispatcher, "{\"name\":\"x\",\"count\":1,\"kind\":\"small\",\"lines\":[],\"price\":true}"))
                .containsExactly("price: expected a decimal number (a JSON number, or a string holding one), got true");
        RpcDispatcher strict = new RpcDispatcher(ServerOptions.builder().json(ClamatorJson.builder().strictUnknownFields(true).build()).build());
        assertThat(bindingErrors(strict, "{\"name\":\"x\",\"count\":1,\"kind\":\"small\",\"lines\":[],\"extra\":1}"))
                .containsExactly("extra: is not a field of these params");
        assertThat(String.join("\n", logs.messages())).doesNotContain("Coercion").doesNotContain("java.lang");
    }

    @Test
    void missingRequiredPrimitiveIsInvalidParams() {
        assertThat(error(request("validated", "{\"name\":\"x\"}")).code()).isEqualTo(-32602);
    }

    @Test
    void constraintViolationsAreInvalidParamsListingEachViolation() {
        Envelope.Error error = error(request("validated", "{\"count\":-1}"));
        assertThat(error.code()).isEqualTo(-32602);
        JsonNode errors = error.data().get("errors");
        assertThat(errors.size()).isEqualTo(2);
        assertThat(errors.get(0).get("path").stringValue()).isEqualTo("count");
        assertThat(errors.get(1).get("path").stringValue()).isEqualTo("name");
        assertThat(implementation.calls).hasValue(0);
    }

    @Test
    void rpcExceptionPassesThroughVerbatimAndIsNotLogged() {
        Envelope.Error error = error(request("rpcError", "{\"a\":1,\"b\":1}"));
        assertThat(error.code()).isEqualTo(-32001);
        assertThat(error.message()).isEqualTo("custom failure");
        assertThat(error.data().toString()).isEqualTo("{\"k\":1}");
        assertThat(logs.events()).isEmpty();
    }

    @Test
    void otherExceptionsAreInternalErrorsWithNameAndMessageLoggedWithTheStackTrace() {
        Envelope.Error error = error(request("boom", "{\"a\":1,\"b\":1}"));
        assertThat(error.code()).isEqualTo(-32603);
        assertThat(error.message()).isEqualTo("Internal error");
        assertThat(error.data().toString()).isEqualTo("{\"name\":\"IllegalStateException\",\"message\":\"kaput\"}");
        ILoggingEvent logged = logs.at(Level.ERROR).get(0);
        assertThat(logged.getFormattedMessage()).isEqualTo("RPC handler raised: matrix.boom id=id-1");
        assertThat(logged.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void aHandlerInterruptedAtShutdownIsLoggedAtWarnWithoutAStackTrace() {
        ServiceDefinition sleepy = ServiceDefinition.builder("sleepy").request("nap", Pair.class, Sum.class, p -> {
            throw new IllegalStateException("interrupted", new InterruptedException("sleep interrupted"));
        }).build();
        Envelope.Response response = dispatcher.dispatch(sleepy,
                new Envelope.Request(StringNode.valueOf("id-1"), "sleepy", "nap", json.readTree("{\"a\":1,\"b\":1}"))).join();
        assertThat(error(response).code()).isEqualTo(-32603);
        assertThat(logs.at(Level.ERROR)).isEmpty();
        assertThat(logs.at(Level.WARN)).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).startsWith("RPC handler interrupted: sleepy.nap id=id-1 (java.lang.IllegalStateException: interrupted)");
            assertThat(event.getThrowableProxy()).isNull();
        });
    }

    @Test
    void exceptionMessagesCanBeKeptOutOfReplies() {
        RpcDispatcher quiet = new RpcDispatcher(ServerOptions.builder().exposeErrorMessages(false).build());
        Envelope.Response response = quiet.dispatch(service,
                new Envelope.Request(StringNode.valueOf("id-1"), "matrix", "boom", json.readTree("{\"a\":1,\"b\":1}"))).join();
        assertThat(error(response).data().toString()).isEqualTo("{\"name\":\"IllegalStateException\"}");
    }

    @Test
    void nullConstraintViolatingAndNonFiniteResultsFailResultValidation() {
        for (String method : List.of("nullResult", "invalidResult", "nanResult")) {
            Envelope.Error error = error(request(method, "{\"a\":1,\"b\":1}"));
            assertThat(error.code()).as(method).isEqualTo(-32603);
            assertThat(error.message()).as(method).isEqualTo("Result validation failed");
            assertThat(error.data().get("errors").size()).as(method).isEqualTo(1);
        }
        assertThat(error(request("invalidResult", "{\"a\":1,\"b\":1}")).data().get("errors").get(0).get("path").stringValue())
                .isEqualTo("text");
        assertThat(logs.at(Level.ERROR)).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(message -> assertThat(message).startsWith("RPC result validation failed: matrix.nullResult id=id-1 errors="));
    }

    @Test
    void aValidatorThatRaisesIsAnsweredAsAnInternalErrorAndTheHandlerRunsOnlyForValidParams() {
        PayloadValidator raisingOnResults = value -> {
            if (value instanceof Sum) {
                throw new IllegalStateException("constraint validator broke on the result");
            }
            return List.of();
        };
        RpcDispatcher dispatcher = new RpcDispatcher(ServerOptions.builder().validator(raisingOnResults).build());
        Envelope.Error onResult = error(dispatcher.dispatch(service,
                new Envelope.Request(StringNode.valueOf("id-1"), "matrix", "add", json.readTree("{\"a\":1,\"b\":1}"))).join());
        assertThat(onResult.code()).isEqualTo(-32603);
        assertThat(onResult.message()).isEqualTo("Result validation failed");
        assertThat(onResult.data().get("errors").get(0).get("message").stringValue())
                .isEqualTo("validating the result raised IllegalStateException: constraint validator broke on the result");
        assertThat(implementation.calls).hasValue(1);

        RpcDispatcher raisingOnParams = new RpcDispatcher(ServerOptions.builder().exposeErrorMessages(false).validator(value -> {
            throw new IllegalStateException("constraint validator broke on the params");
        }).build());
        Envelope.Error onParams = error(raisingOnParams.dispatch(service,
                new Envelope.Request(StringNode.valueOf("id-1"), "matrix", "add", json.readTree("{\"a\":1,\"b\":1}"))).join());
        assertThat(onParams.code()).isEqualTo(-32603);
        assertThat(onParams.message()).isEqualTo("Internal error");
        assertThat(onParams.data().toString()).isEqualTo("{\"name\":\"IllegalStateException\"}");
        assertThat(implementation.calls).as("not run on params that could not be checked").hasValue(1);
        assertThat(logs.at(Level.ERROR)).extracting(ILoggingEvent::getFormattedMessage)
                .contains("RPC result could not be validated (the validator raised): matrix.add id=id-1",
                        "RPC params could not be validated (the validator raised): matrix.add id=id-1");
    }

    @Test
    void voidRequestsAnswerWithNullResult() {
        assertThat(result(request("nothing", "{\"a\":1,\"b\":1}")).isNull()).isTrue();
        assertThat(implementation.calls).hasValue(1);
    }

    @Test
    void asynchronousHandlersAreAwaited() {
        assertThat(result(request("asyncAdd", "{\"a\":2,\"b\":2}")).get("sum").doubleValue()).isEqualTo(4.0);
        assertThat(result(request("monoAdd", "{\"a\":3,\"b\":2}")).get("sum").doubleValue()).isEqualTo(5.0);
        Envelope.Error error = error(request("asyncRpcError", "{\"a\":1,\"b\":1}"));
        assertThat(error.code()).isEqualTo(-32050);
        assertThat(error.message()).isEqualTo("async failure");
    }

    @Test
    void notificationsAreNeverAnswered() {
        assertThat(notification("note", "{\"a\":1,\"b\":1}")).isNull();
        assertThat(notification("add", "{\"a\":1,\"b\":1}")).isNull();
        assertThat(notification("missing", "{}")).isNull();
        assertThat(notification("add", "{\"a\":\"x\"}")).isNull();
        assertThat(notification("noteBoom", "{\"a\":1,\"b\":1}")).isNull();
        assertThat(notification("noteRpcError", "{\"a\":1,\"b\":1}")).isNull();
        assertThat(notification("nullResult", "{\"a\":1,\"b\":1}")).isNull();
        assertThat(implementation.calls).hasValue(5);
    }

    @Test
    void notificationFailuresAreOnlyLogged() {
        notification("add", "{\"a\":\"x\"}");
        notification("noteBoom", "{\"a\":1,\"b\":1}");
        notification("noteRpcError", "{\"a\":1,\"b\":1}");
        assertThat(logs.at(Level.WARN)).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("RPC params validation failed: matrix.add id=null errors=[Violation[path=a, message=");
        assertThat(logs.at(Level.ERROR)).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("RPC handler raised: matrix.noteBoom id=null");
    }

    @Test
    void aNotificationMethodCalledWithAnIdRunsButIsNotAnswered() {
        assertThat(request("note", "{\"a\":1,\"b\":1}")).isNull();
        assertThat(implementation.calls).hasValue(1);
    }

    @Test
    void handBuiltServicesDispatchTheSameWay() {
        AtomicInteger pings = new AtomicInteger();
        ServiceDefinition orders = ServiceDefinition.builder("orders")
                .request("total", Pair.class, Sum.class, p -> new Sum(p.a() * p.b()))
                .requestAsync("later", Pair.class, Sum.class, p -> CompletableFuture.completedFuture(new Sum(1)))
                .request("raw", JsonNode.class, JsonNode.class, p -> p)
                .notification("ping", Pair.class, p -> pings.incrementAndGet())
                .build();
        Envelope.Response total = dispatcher.dispatch(orders,
                new Envelope.Request(StringNode.valueOf("id-1"), "orders", "total", json.readTree("{\"a\":3,\"b\":4}"))).join();
        assertThat(result(total).get("sum").doubleValue()).isEqualTo(12.0);
        Envelope.Response raw = dispatcher.dispatch(orders,
                new Envelope.Request(StringNode.valueOf("id-1"), "orders", "raw", json.readTree("{\"any\":[1,\"x\"]}"))).join();
        assertThat(result(raw).toString()).isEqualTo("{\"any\":[1,\"x\"]}");
        assertThat(dispatcher.dispatch(orders, new Envelope.Notification("orders", "ping", json.readTree("{\"a\":1,\"b\":1}"))).join()).isNull();
        assertThat(pings).hasValue(1);
        assertThat(orders.methods()).extracting(m -> m.name()).containsExactly("total", "later", "raw", "ping");
    }

    @Test
    void anRpcExceptionWithoutAMessageIsAnsweredWithAnEmptyOneWhichEveryPeerReads() {
        ServiceDefinition silent = ServiceDefinition.builder("matrix").request("quiet", Pair.class, Sum.class, params -> {
            throw new RpcException(-32010, null);
        }).build();
        Envelope.Response response = dispatcher.dispatch(silent,
                new Envelope.Request(StringNode.valueOf("id-1"), "matrix", "quiet", json.readTree("{\"a\":1,\"b\":2}"))).join();
        assertThat(error(response).code()).isEqualTo(-32010);
        assertThat(error(response).message()).isEqualTo("");
        assertThat(new EnvelopeCodec(json.mapper()).encode(response)).contains("\"message\":\"\"");
    }
}
