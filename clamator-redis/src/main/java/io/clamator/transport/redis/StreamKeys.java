package io.clamator.transport.redis;

import java.util.Set;

/** The Redis key, group, consumer and entry field names of the clamator wire. */
final class StreamKeys {

    static final String TYPE = "type";
    static final String RPC = "rpc";
    static final String ENVELOPE = "envelope";
    static final String REPLY_TO = "reply-to";
    /**
     * Written by Java clients after the fields upstream defines (other readers ignore it): the
     * call's timeout in milliseconds. With the time in the entry's id, it gives the moment the
     * caller stops waiting, in Redis's clock.
     */
    static final String TIMEOUT_MS = "timeout-ms";
    /** The fields of the wire itself; every other field of an entry is context (a trace) that rides along. */
    private static final Set<String> WIRE_FIELDS = Set.of(TYPE, ENVELOPE, REPLY_TO, TIMEOUT_MS);

    private StreamKeys() {
    }

    /** Whether a field is one of the wire's own, which context fields must never replace. */
    static boolean isWireField(String field) {
        return WIRE_FIELDS.contains(field);
    }

    /** The command stream of a service: {@code <prefix>:cmds:<service>}. */
    static String commands(String keyPrefix, String service) {
        return keyPrefix + ":cmds:" + service;
    }

    /** The reply stream of a client instance: {@code <prefix>:replies:<client instance id>}. */
    static String replies(String keyPrefix, String clientInstanceId) {
        return repliesPrefix(keyPrefix) + clientInstanceId;
    }

    /** What every reply stream name under a key prefix starts with. */
    static String repliesPrefix(String keyPrefix) {
        return keyPrefix + ":replies:";
    }

    /** The dead letters of a key prefix: {@code <prefix>:dead-letters}. */
    static String deadLetters(String keyPrefix) {
        return keyPrefix + ":dead-letters";
    }

    /** The consumer name of a server instance in a service's group: {@code <service>:<server instance id>}. */
    static String consumer(String service, String serverInstanceId) {
        return service + ":" + serverInstanceId;
    }
}
