package io.clamator.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Python clamator client calling the Python clamator server (PyPI {@code clamator-protocol} and
 * {@code clamator-over-redis}), each in its own process; the load comes from {@code bench_peer.py driver}.
 */
final class PythonPairSystem implements BenchSystem {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PythonPeer.PythonSetup python;
    private final String redisUrl;
    private final String keyPrefix;
    private final PythonServer server;
    private PythonPeer driver;

    PythonPairSystem(PythonPeer.PythonSetup python, String redisUrl, String keyPrefix, PythonServer server) {
        this.python = python;
        this.redisUrl = redisUrl;
        this.keyPrefix = keyPrefix;
        this.server = server;
    }

    @Override
    public String name() {
        return "python";
    }

    @Override
    public String description() {
        return "clamator Python client (asyncio) -> clamator Python server, clamator-over-redis 0.1.9, separate processes";
    }

    @Override
    public void start() throws IOException {
        server.acquire();
        driver = PythonPeer.start(python, "driver", redisUrl, keyPrefix);
    }

    /** Its calls are made by the Python driver. */
    @Override
    public CompletionStage<?> call(Payload payload) {
        return null;
    }

    @Override
    public Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> processes = new LinkedHashMap<>();
        processes.put("py-server", server.handle());
        processes.put("py-client", driver.handle());
        return processes;
    }

    @Override
    public Measurement measure(Payload payload, int concurrency, Duration warmup, Duration window, ResourceProbe probe)
            throws IOException {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("payload", payload.label);
        command.put("concurrency", concurrency);
        command.put("warmup", warmup.toMillis() / 1000.0);
        command.put("window", window.toMillis() / 1000.0);
        driver.send(JSON.writeValueAsString(command));
        ResourceProbe.Snapshot before = null;
        ResourceProbe.Snapshot after = null;
        String line;
        while (true) {
            line = driver.readLine();
            if (line.equals("WINDOW_START")) {
                before = probe == null ? null : probe.take();
            } else if (line.equals("WINDOW_END")) {
                after = probe == null ? null : probe.take();
            } else {
                break;
            }
        }
        JsonNode result = JSON.readTree(line);
        Measurement measurement = new Measurement();
        for (JsonNode latency : result.get("latencies_us")) {
            measurement.latencies.recordValue(Math.min(latency.asLong() * 1000, Measurement.HIGHEST_NANOS));
        }
        measurement.windowNanos = Math.round(result.get("window_s").asDouble() * 1e9);
        measurement.errors = result.get("errors").asLong();
        if (!result.get("first_error").isNull()) {
            System.err.println("  first failure in the python driver: " + result.get("first_error").asString());
        }
        if (before != null && after != null) {
            ResourceProbe.addDifference(before, after, measurement);
        }
        return measurement;
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.close();
        }
        server.release();
    }
}
