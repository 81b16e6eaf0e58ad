package io.clamator.server;

import java.util.List;

/**
 * What a server serves, for operators (Actuator's {@code clamator} endpoint).
 *
 * @param transport  the transport, e.g. {@code redis} or {@code memory}
 * @param keyPrefix  the key prefix (namespace) it serves under
 * @param instanceId the server's instance id, {@code null} where the transport has none
 * @param running    whether it is running
 * @param services   the services it serves
 */
public record ServerDescription(String transport, String keyPrefix, String instanceId, boolean running, List<Service> services) {

    public ServerDescription {
        services = List.copyOf(services);
    }

    /**
     * One served service.
     *
     * @param name           the service name
     * @param methods        its request methods
     * @param notifications  its notification methods
     * @param concurrency    its handler slots
     * @param consumer       its consumer in the service's consumer group, {@code null} where the transport has none
     * @param handlersActive handlers running now
     * @param entriesQueued  calls received and waiting for a slot
     */
    public record Service(String name, List<String> methods, List<String> notifications, int concurrency, String consumer,
                          int handlersActive, int entriesQueued) {

        public Service {
            methods = List.copyOf(methods);
            notifications = List.copyOf(notifications);
        }
    }
}
