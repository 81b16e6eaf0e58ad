package io.clamator.boot.autoconfigure.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpStatus;

/** How failed clamator calls are answered to web requests ({@code clamator.web.problem-details.*}). */
@ConfigurationProperties("clamator.web.problem-details")
public class ClamatorProblemDetailsProperties {

    /**
     * Whether a web request whose handler failed with a clamator exception is answered with an
     * RFC 9457 problem detail: 504 for a timeout, 503 when the call could not be made, 400 for
     * invalid params, 502 for the service's other errors.
     */
    private boolean enabled;

    /**
     * HTTP status for each application error code, e.g. '[-32010]=conflict'; codes not listed
     * are answered 502 Bad Gateway.
     */
    private Map<Integer, HttpStatus> statuses = new LinkedHashMap<>();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Map<Integer, HttpStatus> getStatuses() {
        return this.statuses;
    }

    public void setStatuses(Map<Integer, HttpStatus> statuses) {
        this.statuses = statuses;
    }
}
