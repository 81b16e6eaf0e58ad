package io.clamator.boot.autoconfigure.endpoint;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code clamator} endpoint ({@code management.endpoint.clamator.*}), as Spring
 * Boot's {@code env} and {@code configprops} endpoints have them.
 */
@ConfigurationProperties("management.endpoint.clamator")
public class ClamatorEndpointProperties {

    /**
     * When to show the envelopes of dead letters (the calls' params, which may hold personal
     * data): never (masked), when-authorized (to users with the roles), or always.
     */
    private Show showValues = Show.NEVER;

    /** The roles a user needs to see the envelopes when show-values is when-authorized; none: any authenticated user. */
    private Set<String> roles = new LinkedHashSet<>();

    public Show getShowValues() {
        return this.showValues;
    }

    public void setShowValues(Show showValues) {
        this.showValues = showValues;
    }

    public Set<String> getRoles() {
        return this.roles;
    }

    public void setRoles(Set<String> roles) {
        this.roles = roles;
    }
}
