package io.clamator.benchmarks;

import io.clamator.client.RpcClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * clamator as Spring Boot users run it: the server a {@link StarterServerApplication} in a JVM of
 * its own, the client the {@link RpcClient} bean of a Spring Boot context in the harness's JVM,
 * both configured only by properties (the starter's defaults otherwise, but for the payload limit:
 * {@link ClamatorJavaSystem#MAX_PAYLOAD_BYTES}).
 */
final class StarterSystem implements BenchSystem {

    /** The payload limit of the harness ({@link ClamatorJavaSystem#MAX_PAYLOAD_BYTES}) as a property value. */
    private static final String MAX_PAYLOAD = ClamatorJavaSystem.MAX_PAYLOAD_BYTES + "B";

    private final String redisUrl;
    private final String keyPrefix;
    private final int serverConcurrency;
    private final Path logDir;
    private ServerProcess server;
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
    public void start() throws IOException, InterruptedException {
        server = ServerProcess.start(name() + "-server", List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC"),
                System.getenv("BENCH_STARTER_SERVER_OPTS"), // say a flight recording of the server
                StarterServerApplication.class,
                List.of("--clamator.redis.url=" + redisUrl, "--clamator.key-prefix=" + keyPrefix,
                        "--clamator.server.concurrency=" + serverConcurrency, "--clamator.server.max-payload-size=" + MAX_PAYLOAD,
                        "--logging.level.root=WARN"),
                logDir);
        clientContext = new SpringApplicationBuilder(ClientApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run("--clamator.redis.url=" + redisUrl, "--clamator.key-prefix=" + keyPrefix, "--clamator.server.enabled=false",
                        "--clamator.client.max-payload-size=" + MAX_PAYLOAD,
                        "--spring.main.register-shutdown-hook=false");
        client = clientContext.getBean(RpcClient.class);
    }

    /** One call with the payload, through the starter's client bean. */
    @Override
    public CompletionStage<?> call(Payload payload) {
        return payload.callThrough(client, ClamatorJavaSystem.CALL_TIMEOUT);
    }

    @Override
    public Map<String, ProcessHandle> processes() {
        return server == null ? Map.of() : Map.of("starter-server", server.handle());
    }

    @Override
    public void close() {
        if (clientContext != null) {
            clientContext.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
