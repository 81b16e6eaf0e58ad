package io.clamator.benchmarks;

import io.clamator.client.RpcClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * clamator as Spring Boot users run it: the server a {@link StarterServerApplication} in a JVM of
 * its own, the client the {@link RpcClient} bean of a Spring Boot context in the harness's JVM,
 * both configured only by properties (the starter's defaults otherwise).
 */
final class StarterSystem implements BenchSystem {

    private final String redisUrl;
    private final String keyPrefix;
    private final int serverConcurrency;
    private final Path logDir;
    private Process server;
    private ConfigurableApplicationContext clientContext;
    private RpcClient client;

    StarterSystem(String redisUrl, String keyPrefix, int serverConcurrency, Path logDir) {
        this.redisUrl = redisUrl;
        this.keyPrefix = keyPrefix;
        this.serverConcurrency = serverConcurrency;
        this.logDir = logDir;
    }

    /** The client side: a Spring Boot context with the starter, serving nothing. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ClientApplication {
    }

    @Override
    public String name() {
        return "clamator-starter-s" + serverConcurrency;
    }

    @Override
    public String description() {
        return "clamator through the Spring Boot starter: RpcClient bean of a Boot context -> Boot server application in its own JVM,"
                + " server concurrency " + serverConcurrency;
    }

    @Override
    public void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx512m", "-XX:+UseG1GC"));
        String serverOptions = System.getenv("BENCH_STARTER_SERVER_OPTS"); // say a flight recording of the server
        if (serverOptions != null && !serverOptions.isBlank()) {
            command.addAll(List.of(serverOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StarterServerApplication.class.getName(),
                "--clamator.redis.url=" + redisUrl, "--clamator.key-prefix=" + keyPrefix,
                "--clamator.server.concurrency=" + serverConcurrency, "--logging.level.root=WARN"));
        Path log = logDir.resolve(name() + "-server.log");
        server = new ProcessBuilder(command).redirectError(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("READY")) {
            // the application's own output before it serves
        }
        if (line == null) {
            throw new IllegalStateException(name() + ": the server application ended before it served; see " + log);
        }
        clientContext = new SpringApplicationBuilder(ClientApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run("--clamator.redis.url=" + redisUrl, "--clamator.key-prefix=" + keyPrefix, "--clamator.server.enabled=false",
                        "--spring.main.register-shutdown-hook=false");
        client = clientContext.getBean(RpcClient.class);
    }

    /** One call with the payload, through the starter's client bean. */
    CompletionStage<?> call(Payload payload) {
        return payload.callThrough(client, ClamatorJavaSystem.CALL_TIMEOUT);
    }

    @Override
    public Map<String, ProcessHandle> processes() {
        return server == null ? Map.of() : Map.of("starter-server", server.toHandle());
    }

    @Override
    public Measurement measure(Payload payload, int concurrency, Duration warmup, Duration window, ResourceProbe probe)
            throws InterruptedException {
        return ClosedLoop.run(() -> call(payload), concurrency, warmup, window, probe);
    }

    @Override
    public void close() {
        if (clientContext != null) {
            clientContext.close();
        }
        if (server != null) {
            server.destroy();
            try {
                if (!server.waitFor(15, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                server.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
