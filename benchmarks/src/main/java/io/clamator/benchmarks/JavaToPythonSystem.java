package io.clamator.benchmarks;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** A clamator Java client calling the Python clamator server. */
final class JavaToPythonSystem implements BenchSystem {

    private final PythonServer server;
    private final ClamatorJavaSystem client;

    JavaToPythonSystem(String redisUrl, PythonServer server) {
        this.server = server;
        this.client = ClamatorJavaSystem.clientOnly("java-to-python", "clamator Java client -> clamator Python server",
                redisUrl, server.keyPrefix());
    }

    @Override
    public String name() {
        return client.name();
    }

    @Override
    public String description() {
        return client.description();
    }

    @Override
    public void start() throws IOException {
        server.acquire();
        client.start();
    }

    @Override
    public CompletionStage<?> call(Payload payload) {
        return client.call(payload);
    }

    @Override
    public Map<String, ProcessHandle> processes() {
        return Map.of("py-server", server.handle());
    }

    @Override
    public void close() {
        client.close();
        server.release();
    }
}
