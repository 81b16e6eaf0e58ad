package io.clamator.transport.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dead letters of a key prefix ({@code <prefix>:dead-letters}): entries that a server moved
 * there after they were delivered more often than the delivery limit (calls that kept killing
 * the servers that ran them). For operations: list them, replay one (it goes back to its
 * service's command stream as a new entry, and leaves the dead letters), purge one or all. The
 * stream keeps about the last {@value #MAX_LENGTH}.
 */
public final class RedisDeadLetters implements AutoCloseable {

    /** About how many dead letters a key prefix keeps ({@code MAXLEN ~}). */
    public static final long MAX_LENGTH = 10_000;

    /** KEYS: dead-letter stream, command stream. ARGV: dead letter id, envelope, reply-to. Moves it back; returns the new entry id. */
    private static final String REPLAY = """
            if #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[1]) == 0 then
              return false
            end
            local id
            if ARGV[3] == '' then
              id = redis.call('XADD', KEYS[2], '*', 'type', 'rpc', 'envelope', ARGV[2])
            else
              id = redis.call('XADD', KEYS[2], '*', 'type', 'rpc', 'envelope', ARGV[2], 'reply-to', ARGV[3])
            end
            redis.call('XDEL', KEYS[1], ARGV[1])
            return id
            """;

    /** KEYS: dead-letter stream. Deletes it; returns how many entries it held, counted in the same step. */
    private static final String PURGE_ALL = """
            local count = redis.call('XLEN', KEYS[1])
            redis.call('DEL', KEYS[1])
            return count
            """;

    /**
     * One dead letter.
     *
     * @param id         its id in the dead-letter stream
     * @param service    the service the call was for
     * @param entryId    the id its entry had in the service's command stream
     * @param envelope   the call's envelope (JSON text)
     * @param replyTo    the caller's reply stream, empty for a notification
     * @param deliveries how often it had been delivered; -1 when the dead letter holds no readable count
     * @param consumer   the consumer that moved it here
     * @param reason     why it is here
     */
    public record DeadLetter(String id, String service, String entryId, String envelope, String replyTo, long deliveries,
                             String consumer, String reason) {
    }

    private final String keyPrefix;
    private final String stream;
    private final OperatorConnection<String> connection;
    private final RedisClusterCommands<String, String> redis;

    private RedisDeadLetters(OperatorConnection<String> connection, String keyPrefix) {
        this.keyPrefix = keyPrefix; // checked by each factory before it connects
        this.stream = StreamKeys.deadLetters(keyPrefix);
        this.connection = connection;
        this.redis = connection.connection().sync();
    }

    /**
     * The dead letters of {@code keyPrefix} on the Redis at {@code redisUri}; closing releases the connection.
     *
     * @throws RedisCommandRefusedException when that Redis is a node of a Redis Cluster (give the cluster's client instead)
     */
    public static RedisDeadLetters connect(String redisUri, String keyPrefix) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        return new RedisDeadLetters(OperatorConnection.own(redisUri, StringCodec.UTF8, StreamKeys.deadLetters(keyPrefix)), keyPrefix);
    }

    /**
     * The dead letters of {@code keyPrefix}, on a connection of an application's Lettuce client whose
     * commands wait for Redis up to 10 s; closing closes only that connection.
     *
     * @throws RedisCommandRefusedException when that Redis is a node of a Redis Cluster (give the cluster's client instead)
     */
    public static RedisDeadLetters using(RedisClient client, RedisURI uri, String keyPrefix) {
        return using(client, uri, keyPrefix, OperatorConnection.COMMAND_TIMEOUT);
    }

    /**
     * The dead letters of {@code keyPrefix}, on a connection of an application's Lettuce client whose
     * commands wait for Redis up to {@code commandTimeout}; closing closes only that connection.
     *
     * @throws RedisCommandRefusedException when that Redis is a node of a Redis Cluster (give the cluster's client instead)
     */
    public static RedisDeadLetters using(RedisClient client, RedisURI uri, String keyPrefix, Duration commandTimeout) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        return new RedisDeadLetters(OperatorConnection.on(client, uri, StringCodec.UTF8, StreamKeys.deadLetters(keyPrefix), commandTimeout), keyPrefix);
    }

    /**
     * The dead letters of {@code keyPrefix}, on a connection of an application's Redis Cluster client
     * whose commands wait for Redis up to 10 s; closing closes only that connection.
     */
    public static RedisDeadLetters using(RedisClusterClient client, String keyPrefix) {
        return using(client, keyPrefix, OperatorConnection.COMMAND_TIMEOUT);
    }

    /**
     * The dead letters of {@code keyPrefix}, on a connection of an application's Redis Cluster client
     * whose commands wait for Redis up to {@code commandTimeout}; closing closes only that connection.
     */
    public static RedisDeadLetters using(RedisClusterClient client, String keyPrefix, Duration commandTimeout) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        return new RedisDeadLetters(OperatorConnection.on(client, StringCodec.UTF8, commandTimeout), keyPrefix);
    }

    /** How many dead letters the key prefix holds. */
    public long count() {
        return redis.xlen(stream);
    }

    /** The oldest dead letters first, at most {@code max}. */
    public List<DeadLetter> list(int max) {
        return redis.xrange(stream, Range.create("-", "+"), Limit.from(max)).stream().map(RedisDeadLetters::deadLetter).toList();
    }

    /**
     * Sends a dead letter back to its service's command stream, as a new entry (its delivery count
     * starts again), and removes it from the dead letters, in one step. On a Redis Cluster whose
     * key prefix has no hash tag the two keys live on different nodes: the entry is added first and
     * the dead letter removed after, so that nothing is lost; a replay that then finds the dead
     * letter gone (replayed or purged meanwhile) deletes the entry it added again and fails, so the
     * call runs twice only if a server read that entry in between.
     *
     * @return the id of the new entry
     * @throws NoSuchDeadLetterException when there is no such dead letter
     * @throws IllegalArgumentException when the dead letter names no service to send it back to
     */
    public String replay(String id) {
        List<StreamMessage<String, String>> found = redis.xrange(stream, Range.create(id, id));
        if (found.isEmpty()) {
            throw new NoSuchDeadLetterException("no dead letter " + id + " in " + stream);
        }
        return replay(deadLetter(found.get(0)));
    }

    /** {@link #replay(String)} of a dead letter read before: fails if it has gone since. */
    String replay(DeadLetter letter) {
        if (letter.service() == null || letter.service().isBlank() || letter.envelope() == null) {
            throw new IllegalArgumentException("dead letter " + letter.id() + " in " + stream + " names no service or envelope;"
                    + " it cannot be replayed (purge it)");
        }
        if (!connection.keepsKeysTogether(keyPrefix)) {
            return replayKeyByKey(letter);
        }
        String entry = redis.eval(REPLAY, ScriptOutputType.VALUE, new String[] {stream, StreamKeys.commands(keyPrefix, letter.service())},
                letter.id(), letter.envelope(), letter.replyTo());
        if (entry == null) {
            throw goneMeanwhile(letter);
        }
        return entry;
    }

    private String replayKeyByKey(DeadLetter letter) {
        String commandStream = StreamKeys.commands(keyPrefix, letter.service());
        String entry = letter.replyTo().isEmpty()
                ? redis.xadd(commandStream, StreamKeys.TYPE, StreamKeys.RPC, StreamKeys.ENVELOPE, letter.envelope())
                : redis.xadd(commandStream, StreamKeys.TYPE, StreamKeys.RPC, StreamKeys.ENVELOPE, letter.envelope(), StreamKeys.REPLY_TO,
                        letter.replyTo());
        if (redis.xdel(stream, letter.id()) == 0) {
            redis.xdel(commandStream, entry);
            throw goneMeanwhile(letter);
        }
        return entry;
    }

    private NoSuchDeadLetterException goneMeanwhile(DeadLetter letter) {
        return new NoSuchDeadLetterException("no dead letter " + letter.id() + " in " + stream + " (replayed or purged meanwhile)");
    }

    /** Removes one dead letter; {@code false} when there was none with that id. */
    public boolean purge(String id) {
        return redis.xdel(stream, id) > 0;
    }

    /** Removes every dead letter of the key prefix; returns how many there were. */
    public long purgeAll() {
        return redis.<Long>eval(PURGE_ALL, ScriptOutputType.INTEGER, stream);
    }

    @Override
    public void close() {
        connection.close();
    }

    private static DeadLetter deadLetter(StreamMessage<String, String> entry) {
        Map<String, String> body = entry.getBody();
        return new DeadLetter(entry.getId(), body.get("service"), body.get("entry"), body.get("envelope"),
                body.getOrDefault("reply-to", ""), deliveries(body.get("deliveries")), body.get("consumer"), body.get("reason"));
    }

    /** The delivery count a dead letter holds; -1 for one that holds none that can be read (written by another tool, say). */
    private static long deliveries(String field) {
        try {
            return field == null ? -1 : Long.parseLong(field);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
