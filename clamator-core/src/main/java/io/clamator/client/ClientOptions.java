package io.clamator.client;

import io.clamator.json.ClamatorJson;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings every client shares, whatever its transport.
 *
 * @param json           the JSON mapping for params and results
 * @param defaultTimeout how long a call waits for its reply unless the method or the call says otherwise
 */
public record ClientOptions(ClamatorJson json, Duration defaultTimeout) {

    /** The upstream default call timeout: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public ClientOptions {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("defaultTimeout must be positive, was " + defaultTimeout);
        }
    }

    /** Default JSON mapping and a 30 s timeout. */
    public static ClientOptions defaults() {
        return new ClientOptions(ClamatorJson.defaults(), DEFAULT_TIMEOUT);
    }

    /** The same options with another default timeout. */
    public ClientOptions withDefaultTimeout(Duration timeout) {
        return new ClientOptions(json, timeout);
    }

    /** The same options with another JSON mapping. */
    public ClientOptions withJson(ClamatorJson mapping) {
        return new ClientOptions(mapping, defaultTimeout);
    }
}
