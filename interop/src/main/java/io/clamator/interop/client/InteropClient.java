package io.clamator.interop.client;

import io.clamator.interop.ConfigValues;
import io.clamator.interop.contracts.Arith;
import io.clamator.interop.contracts.Shapes;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.protocol.RpcException;
import io.clamator.transport.redis.RedisRpcClient;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Java interop client: the plain core {@link RedisRpcClient} with contract-agnostic calls,
 * params sent as the JSON given and results kept as raw JSON, except for calls marked
 * {@code typed}: their result is read as the contract's result type and written back out. Runs
 * the configured calls and prints one {@code {"results": [...]}} document on stdout.
 */
public final class InteropClient {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, Class<?>> CONTRACTS = Map.of("arith", Arith.class, "shapes", Shapes.class);
    /** Contracts generated from Zod by clamator-codegen, for calls marked {@code generated}: made through their proxies. */
    private static final Map<String, Class<?>> GENERATED = Map.of("arith", io.clamator.interop.generated.Arith.class);

    private InteropClient() {
    }

    public static void run(JsonNode config, JsonMapper mapper) throws Exception {
        RedisRpcClient.Builder builder = RedisRpcClient.builder();
        if (config.has("clusterNodes")) {
            builder.redisCluster(ConfigValues.strings(config.get("clusterNodes")).toArray(String[]::new));
        } else {
            builder.redisUri(config.get("redisUrl").asString());
        }
        RedisRpcClient client = builder
                .keyPrefix(config.get("keyPrefix").asString())
                .defaultTimeout(Duration.ofMillis(config.path("defaultTimeoutMs").asLong(5000)))
                .build();
        client.start();
        List<ObjectNode> results = new ArrayList<>();
        try {
            List<JsonNode> calls = new ArrayList<>();
            config.path("calls").forEach(calls::add);
            int concurrent = config.path("concurrent").asInt(1);
            if (concurrent > 1) {
                // every call of every batch is in flight at once; results are listed batch by batch
                List<CompletableFuture<ObjectNode>> all = new ArrayList<>();
                for (int batch = 0; batch < concurrent; batch++) {
                    for (JsonNode call : calls) {
                        all.add(invoke(client, call, mapper));
                    }
                }
                for (CompletableFuture<ObjectNode> result : all) {
                    results.add(result.join());
                }
            } else {
                for (JsonNode call : calls) {
                    results.add(invoke(client, call, mapper).join());
                }
            }
        } finally {
            client.stop();
        }
        ObjectNode out = NODES.objectNode();
        out.putArray("results").addAll(results);
        System.out.write(mapper.writeValueAsBytes(out));
        System.out.write('\n');
        System.out.flush();
    }

    /** The result type the contract declares for a method, for calls marked {@code typed}. */
    private static Type resultTypeOf(String service, String method) {
        Class<?> contract = CONTRACTS.get(service);
        if (contract != null) {
            for (Method declared : contract.getMethods()) {
                if (declared.getName().equals(method)) {
                    return declared.getGenericReturnType();
                }
            }
        }
        throw new IllegalArgumentException("no contract method " + service + "." + method + " to read a typed result for");
    }

    private static CompletableFuture<ObjectNode> invoke(RedisRpcClient client, JsonNode call, JsonMapper mapper) {
        String qualified = call.path("method").asString();
        int dot = qualified.indexOf('.');
        String service = dot < 0 ? qualified : qualified.substring(0, dot);
        String method = dot < 0 ? "" : qualified.substring(dot + 1);
        JsonNode params = call.get("params");
        CompletableFuture<ObjectNode> outcome;
        try {
            if (call.path("notification").asBoolean(false)) {
                outcome = client.notifyAsync(service, method, params).thenApply(done -> {
                    ObjectNode result = NODES.objectNode();
                    result.put("ok", true);
                    result.put("kind", "notification");
                    return result;
                });
            } else if (call.path("generated").asBoolean(false)) {
                outcome = CompletableFuture.supplyAsync(() -> result(mapper, throughGeneratedProxy(client, service, method, params, mapper)));
            } else {
                Type resultType = call.path("typed").asBoolean(false) ? resultTypeOf(service, method) : JsonNode.class;
                outcome = client.callAsync(service, method, params, resultType, null).thenApply(value -> result(mapper, value));
            }
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        return outcome.exceptionally(InteropClient::describe);
    }

    /** Calls a method of a generated contract through the client's proxy of it, the params bound to its record. */
    private static Object throughGeneratedProxy(RedisRpcClient client, String service, String method, JsonNode params, JsonMapper mapper) {
        Class<?> contract = GENERATED.get(service);
        if (contract == null) {
            throw new IllegalArgumentException("no generated contract for service " + service);
        }
        for (Method declared : contract.getMethods()) {
            if (declared.getName().equals(method) && declared.getParameterCount() == 1) {
                try {
                    return declared.invoke(client.proxy(contract), mapper.treeToValue(params, declared.getParameterTypes()[0]));
                } catch (ReflectiveOperationException e) {
                    throw new CompletionException(e.getCause() != null ? e.getCause() : e);
                }
            }
        }
        throw new IllegalArgumentException("no method " + method + " in the generated contract " + contract.getName());
    }

    private static ObjectNode result(JsonMapper mapper, Object value) {
        ObjectNode result = NODES.objectNode();
        result.put("ok", true);
        result.put("kind", "result");
        result.set("result", value == null ? NODES.nullNode() : mapper.valueToTree(value));
        return result;
    }

    private static ObjectNode describe(Throwable failure) {
        Throwable error = failure;
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        ObjectNode result = NODES.objectNode();
        result.put("ok", false);
        if (error instanceof RpcException rpc) {
            result.put("kind", "rpc-error");
            result.put("code", rpc.code());
            result.put("message", rpc.getMessage());
            result.set("data", rpc.data() != null ? rpc.data() : NODES.nullNode());
        } else if (error instanceof ClamatorTransportException) {
            result.put("kind", "transport-error");
            result.put("message", String.valueOf(error.getMessage()));
        } else if (error instanceof ClamatorProtocolException) {
            result.put("kind", "protocol-error");
            result.put("message", String.valueOf(error.getMessage()));
        } else {
            result.put("kind", "unknown-error");
            result.put("message", error.getClass().getSimpleName() + ": " + error.getMessage());
        }
        return result;
    }
}
