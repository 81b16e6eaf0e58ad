package io.clamator.sample;

import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * A Redis for development runs: when the application names no Redis (a {@code spring.data.redis.*}
 * property that says where it is: {@code url}, {@code host}, {@code port}, {@code sentinel.*},
 * {@code cluster.*}, {@code masterreplica.*}; {@code clamator.redis.url},
 * {@code clamator.redis.cluster.nodes} or the {@code REDIS_URL} environment variable), a local {@code redis-server} is started on a free
 * port (the one on the PATH, or the binary shipped in the embedded-redis artifact) and the
 * application connects to it.
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(DevelopmentRedis.NoRedisConfigured.class)
public class DevelopmentRedis {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentRedis.class);

    /** Where the running sample's Redis URL is written, for the Python companion script. */
    static final Path URL_FILE = Path.of("target", "dev-redis.url");

    @Bean(destroyMethod = "close")
    TestRedisServer developmentRedisServer() throws IOException {
        TestRedisServer server = TestRedis.startDedicated();
        log.info("Development Redis {} at {} ({})", server.version(), server.url(), server.source());
        if (Files.isDirectory(URL_FILE.getParent())) {
            Files.writeString(URL_FILE, server.url());
        }
        return server;
    }

    @Bean
    DataRedisConnectionDetails developmentRedisConnection(TestRedisServer developmentRedisServer) {
        return new DevelopmentRedisConnection(
                DataRedisConnectionDetails.Standalone.of(developmentRedisServer.host(), developmentRedisServer.port()));
    }

    /** The development Redis as the application's Redis, as a service connection would give it. */
    record DevelopmentRedisConnection(Standalone getStandalone) implements DataRedisConnectionDetails {
    }

    static class NoRedisConfigured implements Condition {

        private static final List<String> NAMING_A_REDIS = List.of("clamator.redis.url", "clamator.redis.cluster.nodes", "REDIS_URL");

        /** The {@code spring.data.redis.*} properties that say where the application's Redis is. */
        private static final List<String> LOCATING_THE_APPLICATIONS_REDIS = List.of("url", "host", "port", "sentinel", "cluster",
                "masterreplica");

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return NAMING_A_REDIS.stream().noneMatch(name -> StringUtils.hasText(context.getEnvironment().getProperty(name)))
                    && !locatesTheApplicationsRedis(context.getEnvironment());
        }

        private static boolean locatesTheApplicationsRedis(Environment environment) {
            ConfigurationPropertyName springDataRedis = ConfigurationPropertyName.of("spring.data.redis");
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
                for (String property : LOCATING_THE_APPLICATIONS_REDIS) {
                    ConfigurationPropertyName name = springDataRedis.append(property);
                    if (source.getConfigurationProperty(name) != null
                            || source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
