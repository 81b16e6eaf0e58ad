package io.clamator.transport.redis;

import io.clamator.protocol.ClamatorTransportException;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.clamator.transport.redis.RedisCommandRefusedException.Role;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Checks when a server or client starts that Redis lets it run every command it will need, each in
 * a form that changes nothing (no entry has the id {@code 0-1}; nothing has been idle for ten
 * years; no stream is created). A Redis older than 6.2 or an ACL without one of them fails the
 * start with a {@link RedisCommandRefusedException} naming the command, instead of leaving crash
 * recovery, calls or replies silently broken. Servers and clients both check that they were not
 * given one node of a Redis Cluster as their Redis.
 */
final class RedisCommandCheck {

    /** What the server runs, for the message of a refusal. */
    static final String SERVER_COMMANDS = "XGROUP CREATE, XGROUP DELCONSUMER, XREADGROUP, XAUTOCLAIM, XCLAIM, XPENDING, XACK, XDEL,"
            + " XINFO CONSUMERS, XADD, PEXPIRE, EVAL and EVALSHA";
    /** What the client runs, for the message of a refusal. */
    static final String CLIENT_COMMANDS = "XADD, XREAD and PEXPIRE";
    private static final String NO_CONSUMER = "clamator-command-check";

    private static final String NO_ENTRY = "0-1";
    private static final Duration NEVER_IDLE = Duration.ofDays(3650);
    private static final String NOTHING = "return 0";
    /** How Redis 6.2 to 7.x word a {@code NOPERM} for a key the user may not touch. */
    private static final Pattern KEY_REFUSED = Pattern.compile("(?i)permissions to access (a key|one of the keys)");

    @FunctionalInterface
    private interface Probe {
        void run();
    }

    private final RedisClusterCommands<String, ?> redis;
    private final String where;

    /** @param where the Redis, for messages, e.g. {@code redis://localhost:6379} */
    RedisCommandCheck(RedisClusterCommands<String, ?> redis, String where) {
        this.redis = redis;
        this.where = where;
    }

    /**
     * Fails the start (of a server, a client or an operations tool) when a connection meant for one
     * Redis went to a node of a Redis Cluster, which would redirect ({@code MOVED}) the commands for
     * every key another node owns. A user who may not read {@code INFO cluster} is let through (the
     * probes then report the {@code MOVED} of a key that another node owns).
     *
     * @param anyKey a key the connection is for, named with its slot in the message, or {@code null}
     */
    void verifyNotClusterNode(String anyKey) {
        String info;
        try {
            info = redis.info("cluster");
        } catch (RuntimeException e) {
            return;
        }
        if (info.contains("cluster_enabled:1")) {
            throw new RedisCommandRefusedException("commands", RedisCommandRefusedException.Reason.CLUSTER_NODE, null, version(), where,
                    "cluster_enabled:1" + (anyKey == null ? "" : "; " + anyKey + " is in slot " + SlotHash.getSlot(anyKey)));
        }
    }

    /**
     * Probes the commands a pipeline runs on {@code stream}, whose group exists, and on reply
     * streams (whose names start with {@code replyStreamPrefix}).
     */
    void verify(String stream, String group, String consumerName, boolean deletesHandledEntries, String replyStreamPrefix) {
        Consumer<String> consumer = Consumer.from(group, consumerName);
        probe(Role.SERVER, "XREADGROUP", () -> redis.xreadgroup(consumer, XReadArgs.Builder.count(1),
                XReadArgs.StreamOffset.from(stream, "0-0")));
        probe(Role.SERVER, "XAUTOCLAIM", () -> redis.xautoclaim(stream,
                XAutoClaimArgs.Builder.xautoclaim(consumer, NEVER_IDLE, "0-0").count(1).justid()));
        probe(Role.SERVER, "XCLAIM", () -> redis.xclaim(stream, consumer, XClaimArgs.Builder.minIdleTime(NEVER_IDLE).justid(), NO_ENTRY));
        probe(Role.SERVER, "XPENDING", () -> redis.xpending(stream, group, Range.create(NO_ENTRY, NO_ENTRY), Limit.from(1)));
        probe(Role.SERVER, "XACK", () -> redis.xack(stream, group, NO_ENTRY));
        if (deletesHandledEntries) {
            probe(Role.SERVER, "XDEL", () -> redis.xdel(stream, NO_ENTRY));
        }
        probe(Role.SERVER, "XINFO CONSUMERS", () -> redis.xinfoConsumers(stream, group));
        probe(Role.SERVER, "XGROUP DELCONSUMER", () -> redis.xgroupDelconsumer(stream, Consumer.from(group, NO_CONSUMER)));
        probe(Role.SERVER, "PEXPIRE", () -> redis.pexpire(replyStreamPrefix + NO_CONSUMER, Duration.ofSeconds(1)));
        probe(Role.SERVER, "EVAL", () -> redis.eval(NOTHING, ScriptOutputType.INTEGER, stream));
        probe(Role.SERVER, "EVALSHA", () -> {
            try {
                redis.evalsha(redis.digest(NOTHING), ScriptOutputType.INTEGER, stream);
            } catch (RedisCommandExecutionException e) {
                if (RedisErrorKind.of(e) != RedisErrorKind.NO_SCRIPT) {
                    throw e;
                }
            }
        });
    }

    /**
     * Probes the commands that read a stream's figures for its gauges, which a server can do
     * without; returns the first one Redis refuses, or {@code null} when it runs both.
     */
    RedisCommandRefusedException refusedStreamInspection(String stream) {
        try {
            probe(Role.SERVER, "XLEN", () -> redis.xlen(stream));
            probe(Role.SERVER, "XRANGE", () -> redis.xrange(stream, Range.create(NO_ENTRY, NO_ENTRY)));
            return null;
        } catch (RedisCommandRefusedException refused) {
            return refused;
        }
    }

    /**
     * Probes the commands a client runs: {@code XADD} on the command streams (with {@code NOMKSTREAM},
     * to a stream that does not exist), {@code XREAD} and {@code PEXPIRE} on its reply stream. For a
     * connection whose values are bytes, as the client's is. A probe refused only for its key (an
     * ACL that names the command streams of the services the client calls) passes: the command is
     * allowed.
     */
    void verifyClient(String keyPrefix, String replyStream) {
        try {
            probe(Role.CLIENT, "XADD", () -> redis.xadd(StreamKeys.commands(keyPrefix, NO_CONSUMER), XAddArgs.Builder.nomkstream(),
                    StreamKeys.TYPE, StreamKeys.RPC.getBytes(StandardCharsets.US_ASCII)));
        } catch (RedisCommandExecutionException e) {
            if (String.valueOf(e.getMessage()).contains("Invalid stream ID")) { // before 6.2, NOMKSTREAM is taken for an entry id
                throw new RedisCommandRefusedException("XADD NOMKSTREAM", RedisCommandRefusedException.Reason.UNKNOWN_COMMAND, Role.CLIENT,
                        version(), where, e.getMessage());
            }
            throw e;
        }
        try {
            probe(Role.CLIENT, "XREAD", () -> redis.xread(XReadArgs.Builder.count(1), XReadArgs.StreamOffset.from(replyStream, "$")));
        } catch (RedisCommandExecutionException e) {
            if (RedisErrorKind.of(e) == RedisErrorKind.WRONG_TYPE) {
                throw new ClamatorTransportException("the client's reply stream " + replyStream + " on " + where
                        + " is a key of another type (" + e.getMessage() + "): give the client another instance id, or delete the key", e);
            }
            throw e;
        }
        probe(Role.CLIENT, "PEXPIRE", () -> redis.pexpire(StreamKeys.repliesPrefix(keyPrefix) + NO_CONSUMER, Duration.ofSeconds(1)));
    }

    private void probe(Role role, String command, Probe probe) {
        try {
            probe.run();
        } catch (RedisCommandExecutionException e) {
            if (role == Role.CLIENT && refusesOnlyTheKey(e)) {
                return; // Redis checks the command before the keys: the command is allowed, the probe's key is not (an ACL per service)
            }
            throw explained(role, command, e);
        }
    }

    /**
     * The refusal of a command run at start, as a {@link RedisCommandRefusedException} when Redis
     * refused it (too old, not permitted, or a cluster node's redirection to the node owning the
     * key, which {@link #verifyNotClusterNode} misses when {@code INFO} is not permitted); the
     * error itself otherwise.
     */
    RuntimeException explained(Role role, String command, RedisCommandExecutionException error) {
        RedisCommandRefusedException.Reason reason = isRedirection(error) ? RedisCommandRefusedException.Reason.CLUSTER_NODE : reasonOf(error);
        return reason == null ? error : new RedisCommandRefusedException(command, reason, role, version(), where, error.getMessage());
    }

    /** Whether a cluster node answered with the node that owns the key ({@code MOVED} or {@code ASK}). */
    private static boolean isRedirection(RedisCommandExecutionException error) {
        String message = String.valueOf(error.getMessage());
        return message.startsWith("MOVED ") || message.startsWith("ASK ");
    }

    /** Whether the ACL refused a key of the command rather than the command ({@code NOPERM ... access ... key}). */
    static boolean refusesOnlyTheKey(RedisCommandExecutionException error) {
        return RedisErrorKind.of(error) == RedisErrorKind.NO_PERMISSION && KEY_REFUSED.matcher(String.valueOf(error.getMessage())).find();
    }

    /** Why Redis refused a command, or {@code null} when it failed for another reason. */
    static RedisCommandRefusedException.Reason reasonOf(RedisCommandExecutionException error) {
        if (RedisErrorKind.of(error) == RedisErrorKind.NO_PERMISSION) {
            return RedisCommandRefusedException.Reason.NOT_PERMITTED;
        }
        String message = String.valueOf(error.getMessage());
        return message.startsWith("ERR unknown command") || message.startsWith("ERR unknown subcommand")
                ? RedisCommandRefusedException.Reason.UNKNOWN_COMMAND
                : null;
    }

    /** The {@code redis_version} of {@code INFO server}, or {@code null} when the user may not read it. */
    private String version() {
        try {
            for (String line : redis.info("server").split("\r?\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length()).trim();
                }
            }
        } catch (RuntimeException e) {
            // the version only adds to the message
        }
        return null;
    }
}
