package io.clamator.test.redis;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** The user's choices, each read from a system property or else an environment variable. */
record TestRedisSettings(Optional<Setting> url, Optional<Setting> binary) {

    static final String URL_PROPERTY = "clamator.test.redis.url";
    static final String URL_ENV = "CLAMATOR_TEST_REDIS_URL";
    static final String BINARY_PROPERTY = "clamator.test.redis.binary";
    static final String BINARY_ENV = "CLAMATOR_TEST_REDIS_BINARY";

    /** A non-blank value and where it was read, e.g. {@code env CLAMATOR_TEST_REDIS_URL}. */
    record Setting(String value, String origin) {
    }

    static TestRedisSettings current() {
        return from(System::getProperty, System::getenv);
    }

    static TestRedisSettings from(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        return new TestRedisSettings(
                read(URL_PROPERTY, URL_ENV, properties, environment),
                read(BINARY_PROPERTY, BINARY_ENV, properties, environment));
    }

    private static Optional<Setting> read(String property, String env,
                                          UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String fromProperty = properties.apply(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Optional.of(new Setting(fromProperty.trim(), "system property " + property));
        }
        String fromEnv = environment.apply(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new Setting(fromEnv.trim(), "env " + env));
        }
        return Optional.empty();
    }
}
