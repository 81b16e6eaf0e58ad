package io.clamator.boot.autoconfigure.health;

import io.clamator.boot.autoconfigure.client.ClamatorClients;
import io.clamator.boot.autoconfigure.server.ClamatorServerLifecycle;
import io.clamator.health.ClamatorHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code clamator} health: the server's (its Redis connection and every service's consumer
 * loop; {@code OUT_OF_SERVICE} while it drains at shutdown) and every client's (its connection
 * and reply loop), the worst of them overall, each under its name in the details.
 */
public class ClamatorHealthIndicator implements HealthIndicator {

    private final ClamatorServerLifecycle server;
    private final ClamatorClients clients;

    /**
     * @param server  the application's server, or {@code null} when it only calls
     * @param clients the application's clients, or {@code null} when it only serves
     */
    ClamatorHealthIndicator(ClamatorServerLifecycle server, ClamatorClients clients) {
        this.server = server;
        this.clients = clients;
    }

    @Override
    public Health health() {
        Map<String, ClamatorHealth> parts = new LinkedHashMap<>();
        if (this.server != null) {
            parts.put("server", this.server.health());
        }
        if (this.clients != null) {
            parts.put("client", this.clients.client().health());
            this.clients.backends().forEach(backend -> parts.put("backend " + backend, this.clients.client(backend).health()));
        }
        ClamatorHealth combined = ClamatorHealth.combine(parts);
        return Health.status(new Status(combined.status().name())).withDetails(combined.details()).build();
    }
}
