package io.clamator.boot.autoconfigure.transport;

import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application has said where its Redis is: a {@code spring.data.redis.*}
 * connection property is set, or its {@link DataRedisConnectionDetails} come from somewhere other
 * than those properties (a Testcontainers or Docker Compose service connection, a bean of its
 * own). Spring Data Redis always defines connection details, with {@code localhost} defaults when
 * nothing is set; those alone leave clamator to look further ({@code $REDIS_URL}).
 */
final class OnApplicationRedisCondition extends SpringBootCondition implements ConfigurationCondition {

    /** Boot's details read from {@code spring.data.redis.*}; package-private in Boot, so known by name. */
    private static final String PROPERTIES_DETAILS = "org.springframework.boot.data.redis.autoconfigure.PropertiesDataRedisConnectionDetails";

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("spring.data.redis");

    /** The properties that say where Redis is or how to reach it (not repositories, pools or timeouts). */
    private static final List<String> CONNECTION_PROPERTIES = List.of("url", "host", "port", "database", "username",
            "password", "ssl", "sentinel", "cluster", "masterreplica");

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        if (beanFactory != null) {
            for (String name : beanFactory.getBeanNamesForType(DataRedisConnectionDetails.class, true, false)) {
                Class<?> type = beanFactory.getType(name, false);
                if (type != null && !type.getName().equals(PROPERTIES_DETAILS)) {
                    return ConditionOutcome.match("the application's Redis connection details are " + type.getName());
                }
            }
        }
        String property = firstConnectionProperty(context.getEnvironment());
        if (property != null) {
            return ConditionOutcome.match(property + " is set");
        }
        return ConditionOutcome.noMatch("no spring.data.redis connection property is set");
    }

    private static String firstConnectionProperty(Environment environment) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            for (String property : CONNECTION_PROPERTIES) {
                ConfigurationPropertyName name = PREFIX.append(property);
                if (source.getConfigurationProperty(name) != null
                        || source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                    return name.toString();
                }
            }
        }
        return null;
    }
}
