package io.clamator.interop.server;

import io.clamator.interop.ConfigValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import tools.jackson.databind.JsonNode;

/**
 * Starts {@link InteropServerApplication} from the driver's stdin configuration, mapped to
 * {@code clamator.*} properties (and any others given as {@code "properties"}), and prints {@code READY} on stdout once the application (and so
 * the clamator server, which starts last) is running.
 */
public final class InteropServer {

    static final Set<String> CONTRACTS = Set.of("arith", "generated-arith", "notifications", "shapes");

    private InteropServer() {
    }

    public static void run(JsonNode config) {
        List<String> contracts = ConfigValues.strings(config.path("contract"));
        if (contracts.isEmpty()) {
            throw new IllegalArgumentException("no \"contract\" to serve, expected one or more of " + CONTRACTS);
        }
        for (String name : contracts) {
            if (!CONTRACTS.contains(name)) {
                throw new IllegalArgumentException("unknown contract \"" + name + "\", expected one of " + CONTRACTS);
            }
        }
        List<String> args = new ArrayList<>();
        args.add("--interop.contracts=" + String.join(",", contracts));
        args.add("--clamator.transport=redis");
        if (!config.path("properties").has("spring.main.web-application-type")) {
            args.add("--spring.main.web-application-type=NONE"); // no HTTP unless a scenario asks for it
        }
        if (config.has("clusterNodes")) {
            args.add("--clamator.redis.cluster.nodes=" + String.join(",", ConfigValues.strings(config.get("clusterNodes"))));
        } else {
            args.add("--clamator.redis.url=" + required(config, "redisUrl"));
        }
        args.add("--clamator.key-prefix=" + required(config, "keyPrefix"));
        if (config.hasNonNull("instanceId")) {
            args.add("--clamator.instance-id=" + config.get("instanceId").asString());
        }
        if (config.hasNonNull("consumerClaimIdleMs")) {
            args.add("--clamator.redis.server.claim-idle=" + config.get("consumerClaimIdleMs").asLong() + "ms");
        }
        // spans stay in the process (no OTLP receiver here); with "tracing", every call is sampled and its handler logged
        args.add("--management.opentelemetry.tracing.export.otlp.enabled=false");
        args.add("--management.otlp.metrics.export.enabled=false");
        if (config.path("tracing").asBoolean(false)) {
            args.add("--management.tracing.sampling.probability=1.0");
            args.add("--logging.level.io.clamator.interop.server=DEBUG");
        }
        // further application properties, e.g. {"clamator.server.handler-timeout": "2s"} (reliability suite)
        config.path("properties").properties().forEach(property -> args.add("--" + property.getKey() + "=" + property.getValue().asString()));

        SpringApplication application = new SpringApplication(InteropServerApplication.class);
        application.setBannerMode(Banner.Mode.OFF);
        application.addListeners((ApplicationListener<ApplicationReadyEvent>) event -> {
            System.out.println("READY");
            System.out.flush();
        });
        application.run(args.toArray(String[]::new));
    }

    private static String required(JsonNode config, String key) {
        JsonNode value = config.get(key);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new IllegalArgumentException("the configuration needs a string \"" + key + "\"");
        }
        return value.asString();
    }
}
