package io.clamator.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a server or client is doing, for health checks: a status, and details that name the part
 * that is failing.
 *
 * @param status  {@code UP}, {@code OUT_OF_SERVICE} (a server draining its handlers at stop) or {@code DOWN}
 * @param details what the status is made of, e.g. {@code "arith" -> "Redis unavailable for 3 s ..."}
 */
public record ClamatorHealth(Status status, Map<String, Object> details) {

    /** Health statuses, from best to worst. */
    public enum Status { UP, OUT_OF_SERVICE, DOWN }

    public ClamatorHealth {
        Objects.requireNonNull(status, "status");
        details = Map.copyOf(details);
    }

    public static ClamatorHealth up(Map<String, Object> details) {
        return new ClamatorHealth(Status.UP, details);
    }

    public static ClamatorHealth down(Map<String, Object> details) {
        return new ClamatorHealth(Status.DOWN, details);
    }

    public static ClamatorHealth outOfService(Map<String, Object> details) {
        return new ClamatorHealth(Status.OUT_OF_SERVICE, details);
    }

    /** The worst status of the parts, with each part's details under its name. */
    public static ClamatorHealth combine(Map<String, ClamatorHealth> parts) {
        Status worst = worst(parts.values());
        Map<String, Object> details = new LinkedHashMap<>();
        parts.forEach((name, part) -> details.put(name, part.asMap()));
        return new ClamatorHealth(worst, details);
    }

    private static Status worst(Collection<ClamatorHealth> parts) {
        Status worst = Status.UP;
        for (ClamatorHealth part : parts) {
            if (part.status().compareTo(worst) > 0) {
                worst = part.status();
            }
        }
        return worst;
    }

    /** The status and details as one map, as health endpoints show a part. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status.name());
        map.putAll(details);
        return map;
    }
}
