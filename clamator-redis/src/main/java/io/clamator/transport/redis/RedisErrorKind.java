package io.clamator.transport.redis;

import io.clamator.internal.AsyncResults;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * What kind of failure a Redis command met, so that the transport's rules read as rules: a group
 * gone is created again, a script forgotten is sent again, a reply refused for good is not retried.
 * Redis names the kind of an error reply by its first word ({@code NOGROUP No such key ...}); that
 * word is read here and nowhere else.
 */
enum RedisErrorKind {

    /** {@code NOGROUP}: the stream or its consumer group does not exist (Redis restarted without persistence). */
    NO_GROUP,
    /** {@code BUSYGROUP}: the consumer group exists already. */
    GROUP_EXISTS,
    /** {@code NOSCRIPT}: Redis does not know the script's digest (it restarted). */
    NO_SCRIPT,
    /** {@code OOM}: Redis refuses writes for lack of memory; passing. */
    OUT_OF_MEMORY,
    /** {@code WRONGTYPE}: the key holds another type; the same command fails every time. */
    WRONG_TYPE,
    /**
     * The node cannot serve the key right now: a cluster that is down or failing over
     * ({@code CLUSTERDOWN}, {@code TRYAGAIN}, {@code MOVED}/{@code ASK} past the redirections a
     * client follows, {@code READONLY}, {@code MASTERDOWN}), a Redis loading its data
     * ({@code LOADING}), running a script past its time ({@code BUSY}) or refusing writes while it
     * cannot save its data ({@code MISCONF}); passing.
     */
    UNAVAILABLE,
    /** {@code NOPERM}: the ACL user may not run the command or touch the key. */
    NO_PERMISSION,
    /** Any other error reply from Redis. */
    OTHER_ERROR_REPLY,
    /** No answer within the command timeout. */
    TIMEOUT,
    /** The command did not reach Redis or its answer did not come back: the connection is down. */
    CONNECTION,
    /** Not a Redis failure at all. */
    UNEXPECTED;

    /** What Redis 6.2 puts before the error of a command a script called: {@code @user_script: <line>: -}. */
    private static final Pattern SCRIPT_LINE = Pattern.compile("^@user_script: ?\\d+: -");

    /** The kind of a failed command's exception (or of one reply a script refused), through the wrappers futures put around it. */
    static RedisErrorKind of(Throwable failure) {
        Throwable cause = AsyncResults.unwrap(failure);
        if (cause instanceof ReplyWriter.ReplyRefusedException refused) {
            return refused.kind();
        }
        if (cause instanceof RedisCommandExecutionException) {
            return ofReply(cause.getMessage());
        }
        if (cause instanceof RedisCommandTimeoutException) {
            return TIMEOUT;
        }
        if (cause instanceof RedisException || cause instanceof IOException) {
            return CONNECTION;
        }
        return UNEXPECTED;
    }

    /**
     * The kind of an error reply's text, e.g. {@code WRONGTYPE Operation against a key ...}; a
     * command's error caught in a script by Redis 6.2 reads {@code @user_script: 1: -OOM ...}.
     */
    static RedisErrorKind ofReply(String error) {
        String text = error == null ? "" : SCRIPT_LINE.matcher(error).replaceFirst("");
        String code = text.split(" ", 2)[0];
        return switch (code) {
            case "NOGROUP" -> NO_GROUP;
            case "BUSYGROUP" -> GROUP_EXISTS;
            case "NOSCRIPT" -> NO_SCRIPT;
            case "OOM" -> OUT_OF_MEMORY;
            case "WRONGTYPE" -> WRONG_TYPE;
            case "NOPERM" -> NO_PERMISSION;
            case "CLUSTERDOWN", "TRYAGAIN", "MOVED", "ASK", "READONLY", "MASTERDOWN", "LOADING", "BUSY", "MISCONF" -> UNAVAILABLE;
            default -> OTHER_ERROR_REPLY;
        };
    }

    /** Whether the same command may succeed later without anything changing in Redis's data. */
    boolean isPassing() {
        return this == OUT_OF_MEMORY || this == UNAVAILABLE || this == TIMEOUT || this == CONNECTION;
    }
}
