package io.clamator.transport.redis;

import io.clamator.protocol.ClamatorTransportException;

/**
 * Redis refused a command a Redis server or client needs, checked when it starts: the Redis is too
 * old to know it (clamator needs Redis 6.2 or newer), or the ACL user it connects as may not run
 * it; or the Redis a server or client was given is a node of a cluster, which refuses the keys
 * other nodes own.
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

    /** Which side of clamator needs the command. */
    public enum Role {
        /** A Redis server: {@link RedisCommandCheck#SERVER_COMMANDS}. */
        SERVER("server", RedisCommandCheck.SERVER_COMMANDS),
        /** A Redis client: {@link RedisCommandCheck#CLIENT_COMMANDS}. */
        CLIENT("client", RedisCommandCheck.CLIENT_COMMANDS);

        private final String noun;
        private final String commands;

        Role(String noun, String commands) {
            this.noun = noun;
            this.commands = commands;
        }

        /** {@code server} or {@code client}. */
        @Override
        public String toString() {
            return noun;
        }
    }

    private final String command;
    private final Reason reason;
    private final Role role;
    private final String redisVersion;

    RedisCommandRefusedException(String command, Reason reason, Role role, String redisVersion, String where, String redisError) {
        super(message(command, reason, role, redisVersion, where, redisError));
        this.command = command;
        this.reason = reason;
        this.role = role;
        this.redisVersion = redisVersion;
    }

    /** The command refused, e.g. {@code XAUTOCLAIM}. */
    public String command() {
        return command;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether a server or a client needs the command. */
    public Role role() {
        return role;
    }

    /** The version Redis reports, or {@code null} when it could not be read. */
    public String redisVersion() {
        return redisVersion;
    }

    private static String message(String command, Reason reason, Role role, String version, String where, String redisError) {
        String redis = "Redis" + (version == null ? "" : " " + version) + " at " + where;
        return switch (reason) {
            case UNKNOWN_COMMAND -> redis + " does not know " + command + ", which the clamator Redis " + role + " needs;"
                    + " clamator needs Redis 6.2 or newer (" + redisError + ")";
            case NOT_PERMITTED -> redis + " does not allow the clamator Redis " + role + " to run " + command + " (" + redisError
                    + "); its ACL user needs " + role.commands + " on the keys of its key prefix";
            case CLUSTER_NODE -> redis + " is a node of a Redis Cluster (" + redisError + "), which refuses " + command
                    + " on the keys other nodes own; connect to it as a cluster, through its nodes";
        };
    }
}
