package io.clamator.benchmarks;

import io.clamator.json.ClamatorJson;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * gRPC unary calls over loopback, client and server in this JVM (grpc-java on its shaded Netty,
 * the server's handlers on gRPC's default executor): {@code arith/add} and {@code arith/echoText}
 * with the same payloads as JSON, marshalled by the same Jackson mapping clamator uses, so that
 * what differs is the transport (HTTP/2 straight to the server, against two trips through Redis).
 */
final class GrpcSystem implements BenchSystem {

    private static final JsonMapper JSON = ClamatorJson.defaults().mapper();
    private static final MethodDescriptor<Payload.AddParams, Payload.AddResult> ADD =
            method("arith/add", Payload.AddParams.class, Payload.AddResult.class);
    private static final MethodDescriptor<Payload.EchoText, Payload.EchoText> ECHO =
            method("arith/echoText", Payload.EchoText.class, Payload.EchoText.class);

    private Server server;
    private ManagedChannel channel;

    @Override
    public String name() {
        return "grpc";
    }

    @Override
    public String description() {
        return "gRPC unary calls over loopback (grpc-java, Netty, JSON marshaller), client and server in this JVM";
    }

    @Override
    public void start() throws IOException {
        ServerServiceDefinition arith = ServerServiceDefinition.builder("arith")
                .addMethod(ADD, ServerCalls.asyncUnaryCall((Payload.AddParams params, StreamObserver<Payload.AddResult> reply) -> {
                    reply.onNext(new Payload.AddResult(params.a() + params.b()));
                    reply.onCompleted();
                }))
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((Payload.EchoText params, StreamObserver<Payload.EchoText> reply) -> {
                    reply.onNext(new Payload.EchoText(params.text()));
                    reply.onCompleted();
                }))
                .build();
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(arith).build().start();
        channel = Grpc.newChannelBuilderForAddress("127.0.0.1", server.getPort(), InsecureChannelCredentials.create()).build();
    }

    @Override
    public CompletionStage<?> call(Payload payload) {
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(ClamatorJavaSystem.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return payload.echo == null ? unary(ADD, (Payload.AddParams) payload.params, options) : unary(ECHO, payload.echo, options);
    }

    private <Q, R> CompletableFuture<R> unary(MethodDescriptor<Q, R> method, Q request, CallOptions options) {
        CompletableFuture<R> result = new CompletableFuture<>();
        ClientCalls.asyncUnaryCall(channel.newCall(method, options), request, new StreamObserver<R>() {
            @Override
            public void onNext(R value) {
                result.complete(value);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
                // the value came with onNext
            }
        });
        return result;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    private static <T, R> MethodDescriptor<T, R> method(String name, Class<T> request, Class<R> response) {
        return MethodDescriptor.<T, R>newBuilder().setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(name)
                .setRequestMarshaller(new JsonMarshaller<>(request)).setResponseMarshaller(new JsonMarshaller<>(response)).build();
    }

    /** Values to and from their JSON text, with clamator's mapping. */
    private record JsonMarshaller<T>(Class<T> type) implements MethodDescriptor.Marshaller<T> {

        @Override
        public InputStream stream(T value) {
            return new ByteArrayInputStream(JSON.writeValueAsBytes(value));
        }

        @Override
        public T parse(InputStream stream) {
            try (stream) {
                return JSON.readValue(stream, type);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
