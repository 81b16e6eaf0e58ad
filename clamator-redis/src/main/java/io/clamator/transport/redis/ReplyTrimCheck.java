package io.clamator.transport.redis;

import io.clamator.transport.spi.RateLimitedLog;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Finds out, when a call timed out, whether replies to this client were trimmed from its reply
 * stream before it read them: the servers' {@code MAXLEN ~} cap drops the oldest entries, read or
 * not. {@code XINFO STREAM} (Redis 7+) tells how many entries were ever added; more than this
 * client has read plus those still in the stream means that unread ones were trimmed (the oldest
 * go first, so once an unread entry is gone every read one is too). The servers'
 * {@code reply-stream-max-len} is then below the replies this client has outstanding. Said at
 * WARN, at most a few times a minute. A stream this client found at start (left by an earlier run
 * with the same instance id) counts from what it held then: entries gone before this client are
 * not its loss. A stream that was created again (Redis restarted without persistence, the key
 * deleted) is seen by its count of added entries going down since the last look, and counted from
 * that look (what this client read since may have come from the old stream, so the loss found is
 * at most the true one); or, when no look came between, by this client having read more since the
 * last look than the stream ever held, and counted from this check on.
 */
final class ReplyTrimCheck {

    private static final Logger log = LoggerFactory.getLogger(ReplyTrimCheck.class);

    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final String replyStream;
    private final LongSupplier entriesRead;
    private final RateLimitedLog warnings = new RateLimitedLog(log, Level.WARN, 5);
    private volatile boolean trimmedUnread;
    /** Guarded by {@link #checking} once started: entries gone before this client's reads began, as of the current stream. */
    private long goneBefore;
    /** Guarded by {@link #checking} once started: the stream's count of added entries, and this client's reads, at the last look. */
    private long addedLastSeen;
    private long readLastSeen;
    private final AtomicBoolean checking = new AtomicBoolean();

    ReplyTrimCheck(RedisClusterAsyncCommands<String, byte[]> commands, String replyStream, LongSupplier entriesRead) {
        this.commands = commands;
        this.replyStream = replyStream;
        this.entriesRead = entriesRead;
    }

    /**
     * Notes how many entries the reply stream had lost before this client read it, before the
     * client sends its first call; a stream that does not exist yet (an error reply) has lost none.
     */
    void start() {
        commands.xinfoStream(replyStream).toCompletableFuture().handle((info, error) -> {
            Long gone = error == null ? entriesGone(info) : null;
            if (gone != null) {
                goneBefore = gone;
                addedLastSeen = number(info, "entries-added");
            }
            return null;
        }).join();
    }

    /**
     * Checks the stream (asynchronously) unless a check is under way (a burst of timeouts asks
     * Redis once); the answer goes to the log and to {@link #hint()}.
     *
     * @return completes when this check is done, at once when another was under way
     */
    CompletionStage<?> check() {
        if (!checking.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return commands.xinfoStream(replyStream).handle((info, error) -> {
            try {
                countLost(error == null ? info : null);
            } finally {
                checking.set(false); // an answer it cannot read must not end the checking for good
            }
            return null;
        });
    }

    /** Counts the replies gone unread from what {@code XINFO STREAM} answered ({@code null}: no answer). */
    private void countLost(List<Object> info) {
        Long gone = info != null ? entriesGone(info) : null;
        long read = entriesRead.getAsLong(); // after XINFO: entries read meanwhile only make a loss less likely to be seen
        long lost = 0;
        if (gone != null) {
            long added = number(info, "entries-added");
            if (added < addedLastSeen) {
                goneBefore = -readLastSeen; // a new stream since the last look: none of it was gone then
            } else if (added < read - readLastSeen) {
                goneBefore = gone - read; // more read since the last look than it ever held: new since then, counted from now
            }
            addedLastSeen = added;
            readLastSeen = read;
            lost = gone - goneBefore - read;
        }
        if (lost > 0) {
            trimmedUnread = true;
            warnings.log("replies to this client were trimmed from its reply stream {} before it read them ({} so far): their calls"
                    + " time out. Raise reply-stream-max-len on the servers that answer it above the calls this client has in flight",
                    replyStream, lost);
        }
    }

    /** For a timeout's message, once replies were found trimmed unread; {@code null} before. */
    String hint() {
        return trimmedUnread ? "replies to this client were trimmed unread from " + replyStream + ": raise reply-stream-max-len" : null;
    }

    /** How many entries the stream has ever lost (added and no longer there), or {@code null} when Redis does not tell (6.2). */
    private static Long entriesGone(List<Object> info) {
        Long added = number(info, "entries-added");
        Long length = number(info, "length");
        return added == null || length == null ? null : added - length;
    }

    /** A number of the flat field list {@code XINFO STREAM} answers, or {@code null} (Redis 6.2 has no {@code entries-added}). */
    private static Long number(List<Object> info, String field) {
        for (int i = 0; i + 1 < info.size(); i += 2) {
            if (field.equals(text(info.get(i)))) {
                Object value = info.get(i + 1);
                return value instanceof Long number ? number : Long.valueOf(text(value));
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
