package io.clamator.boot.autoconfigure.transport;

import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.core.env.Environment;

/**
 * Where the application has said its Redis is, for clamator to connect there too: a
 * {@code spring.data.redis.*} connection property is set, or its {@link DataRedisConnectionDetails}
 * come from somewhere other than those properties (a Testcontainers or Docker Compose service
 * connection, a bean of its own). Spring Data Redis always defines connection details, with
 * {@code localhost} defaults when nothing is set; those alone leave clamator to look further
 * ({@code $REDIS_URL}). Decided when the application starts (not by a condition, which Spring AOT
 * would fix at build time), so an AOT-processed application connects where its runtime settings say.
 */
final class ApplicationRedis {

    /** Boot's details read from {@code spring.data.redis.*}; package-private in Boot, so known by name. */
    private static final String PROPERTIES_DETAILS = "org.springframework.boot.data.redis.autoconfigure.PropertiesDataRedisConnectionDetails";

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("spring.data.redis");

    /** The properties that say where Redis is or how to reach it (not repositories, pools or timeouts). */
    private static final List<String> CONNECTION_PROPERTIES = List.of("url", "host", "port", "database", "username",
            "password", "ssl", "sentinel", "cluster", "masterreplica");

    private ApplicationRedis() {
    }

    /** The application's Redis as clamator connection details, or {@code null} when it has said nothing. */
    static ClamatorRedisConnectionDetails find(ListableBeanFactory beanFactory, Environment environment) {
        ObjectProvider<DataRedisConnectionDetails> details = beanFactory.getBeanProvider(DataRedisConnectionDetails.class);
        DataRedisConnectionDetails application = details.getIfUnique();
        if (application == null || !(isOwnChoice(application) || hasConnectionProperty(environment))) {
            return null;
        }
        return new DataRedisClamatorConnectionDetails(application, beanFactory.getBeanProvider(DataRedisProperties.class).getIfAvailable());
    }

    private static boolean isOwnChoice(DataRedisConnectionDetails details) {
        return !details.getClass().getName().equals(PROPERTIES_DETAILS);
    }

    private static boolean hasConnectionProperty(Environment environment) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            for (String property : CONNECTION_PROPERTIES) {
                ConfigurationPropertyName name = PREFIX.append(property);
                if (source.getConfigurationProperty(name) != null
                        || source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                    return true;
                }
            }
        }
        return false;
    }
}
