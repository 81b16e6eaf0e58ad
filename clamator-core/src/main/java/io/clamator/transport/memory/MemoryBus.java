package io.clamator.transport.memory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Connects memory servers and clients inside one JVM, as one Redis connects servers and clients
 * across processes: a service is reached under a key prefix, by clients of that prefix only, and
 * is served by at most one server of the bus. Each test (or application context) should use its
 * own bus.
 */
public final class MemoryBus {

    /** The key prefix of memory servers and clients built without one. */
    public static final String DEFAULT_KEY_PREFIX = "clamator";

    /** The deadline of a notification: nobody waits for it. */
    static final long NO_DEADLINE = Long.MIN_VALUE;

    private final ConcurrentMap<Address, Inbox> inboxes = new ConcurrentHashMap<>();

    /** The services served on this bus under a key prefix. */
    public Set<String> services(String keyPrefix) {
        return inboxes.keySet().stream()
                .filter(address -> address.keyPrefix.equals(keyPrefix))
                .map(Address::service)
                .collect(Collectors.toUnmodifiableSet());
    }

    void register(String keyPrefix, String service, Inbox inbox) {
        if (inboxes.putIfAbsent(new Address(keyPrefix, service), inbox) != null) {
            throw new IllegalStateException("service \"" + service + "\" already served on this bus under key prefix \"" + keyPrefix + "\"");
        }
    }

    void unregister(String keyPrefix, String service, Inbox inbox) {
        inboxes.remove(new Address(keyPrefix, service), inbox);
    }

    Inbox inbox(String keyPrefix, String service) {
        return inboxes.get(new Address(keyPrefix, service));
    }

    /** Where a served service takes calls: an envelope's JSON, and where its reply's JSON goes. */
    interface Inbox {
        /**
         * @param deadlineNanos the {@link System#nanoTime()} after which the caller no longer waits,
         *                      {@link #NO_DEADLINE} for a notification
         */
        void deliver(byte[] envelopeJson, Map<String, String> fields, long deadlineNanos, Consumer<byte[]> replies);
    }

    private record Address(String keyPrefix, String service) {
    }
}
