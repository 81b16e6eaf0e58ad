package io.clamator.transport.redis;

import io.clamator.protocol.ClamatorTransportException;

/**
 * Redis refused a command a Redis server needs, checked when the server starts: the Redis is too
 * old to know it (clamator needs Redis 6.2 or newer), or the ACL user the server connects as may
 * not run it; or the Redis a server or client was given is a node of a cluster, which refuses the
 * keys other nodes own (checked when either starts).
 */
public class RedisCommandRefusedException extends ClamatorTransportException {

    /** Why Redis refused the command. */
    public enum Reason {
        /** Redis does not know the command: it is older than 6.2 (or the command was renamed away). */
        UNKNOWN_COMMAND,
        /** The ACL user may not run the command or touch the key. */
        NOT_PERMITTED,
        /** The Redis, connected to as one Redis, is a node of a Redis Cluster and redirects ({@code MOVED}) the keys of other nodes. */
        CLUSTER_NODE
    }

    private final String command;
    private final Reason reason;
    private final String redisVersion;

    RedisCommandRefusedException(String command, Reason reason, String redisVersion, String where, String redisError) {
        super(message(command, reason, redisVersion, where, redisError));
        this.command = command;
        this.reason = reason;
        this.redisVersion = redisVersion;
    }

    /** The command refused, e.g. {@code XAUTOCLAIM}. */
    public String command() {
        return command;
    }

    public Reason reason() {
        return reason;
    }

    /** The version Redis reports, or {@code null} when it could not be read. */
    public String redisVersion() {
        return redisVersion;
    }

    private static String message(String command, Reason reason, String version, String where, String redisError) {
        String redis = "Redis" + (version == null ? "" : " " + version) + " at " + where;
        return switch (reason) {
            case UNKNOWN_COMMAND -> redis + " does not know " + command + ", which the clamator Redis server needs;"
                    + " clamator needs Redis 6.2 or newer (" + redisError + ")";
            case NOT_PERMITTED -> redis + " does not allow the clamator Redis server to run " + command + " (" + redisError
                    + "); its ACL user needs " + RedisCommandCheck.SERVER_COMMANDS + " on the keys of its key prefix";
            case CLUSTER_NODE -> redis + " is a node of a Redis Cluster (" + redisError + "), which refuses " + command
                    + " on the keys other nodes own; connect to it as a cluster, through its nodes";
        };
    }
}
