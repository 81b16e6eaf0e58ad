package io.clamator.transport.redis;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.clamator.internal.AsyncResults;
import io.clamator.protocol.ClamatorTransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * The command streams of every service on a key prefix ({@code <prefix>:cmds:*}), whatever
 * language serves them: length, lag, pending entries, the age of the oldest pending one, and the
 * consumers of each service's group with their pending entries and idle time. For operations;
 * one safe write: removing a consumer that has nothing pending and has been idle a while.
 */
public final class RedisServiceStreams implements AutoCloseable {

    /**
     * KEYS: the command stream. ARGV: group, consumer, least idle time in ms. Removes the consumer
     * if it has nothing pending and has been idle that long; returns what was found.
     */
    private static final String REMOVE_IDLE = LuaScript.FIELDS_FUNCTION + """
            for _, each in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
              local consumer = fields(each)
              if consumer['name'] == ARGV[2] then
                if tonumber(consumer['pending']) > 0 then
                  return 'PENDING'
                end
                if tonumber(consumer['idle']) < tonumber(ARGV[3]) then
                  return 'ACTIVE'
                end
                redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
                return 'REMOVED'
              end
            end
            return 'UNKNOWN'
            """;

    /**
     * One service's command stream.
     *
     * @param service                the service
     * @param stream                 its command stream's key
     * @param length                 entries in the stream
     * @param lag                    entries not yet delivered to the service's group (all of them when there is no group)
     * @param pending                entries delivered and not yet acknowledged
     * @param oldestPendingAgeMillis how long ago the oldest pending entry was sent, 0 when none is
     * @param groupExists            whether the service's consumer group exists (a server has started)
     * @param consumers              the group's consumers
     */
    public record ServiceStream(String service, String stream, long length, long lag, long pending, long oldestPendingAgeMillis,
                                boolean groupExists, List<GroupConsumer> consumers) {
    }

    /**
     * A consumer of a service's group: one server instance.
     *
     * @param name       its name, {@code <service>:<instance id>}
     * @param pending    entries delivered to it and not yet acknowledged
     * @param idleMillis how long since it last read
     */
    public record GroupConsumer(String name, long pending, long idleMillis) {
    }

    /** What {@link #removeIdleConsumer} found. */
    public enum ConsumerRemoval {
        /** The consumer had nothing pending and was idle long enough; it is gone. */
        REMOVED,
        /** Entries are pending to it; removing it would lose them. */
        PENDING,
        /** It was idle for less than the least idle time: probably a live server. */
        ACTIVE,
        /** No such consumer (or no such group). */
        UNKNOWN
    }

    /** How long one service's inspection may take. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** How long a whole listing may take, scanning the keys and inspecting every service. */
    static final Duration LIST_TIME_LIMIT = Duration.ofSeconds(30);

    private final String keyPrefix;
    private final OperatorConnection<byte[]> connection;
    private final StreamInspection inspection;
    private final RedisClusterCommands<String, byte[]> redis;
    private final LongSupplier nanoTime;

    private RedisServiceStreams(OperatorConnection<byte[]> connection, String keyPrefix) {
        this(connection, keyPrefix, System::nanoTime);
    }

    RedisServiceStreams(OperatorConnection<byte[]> connection, String keyPrefix, LongSupplier nanoTime) {
        this.keyPrefix = keyPrefix; // checked by each factory before it connects
        this.connection = connection;
        this.inspection = new StreamInspection(connection.connection().async());
        this.redis = connection.connection().sync();
        this.nanoTime = nanoTime;
    }

    /**
     * The services of {@code keyPrefix} on the Redis at {@code redisUri}; closing releases the connection.
     *
     * @throws RedisCommandRefusedException when that Redis is a node of a Redis Cluster (give the cluster's client instead)
     */
    public static RedisServiceStreams connect(String redisUri, String keyPrefix) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        return new RedisServiceStreams(OperatorConnection.own(redisUri, RedisConnector.CODEC, null), keyPrefix);
    }

    /**
     * The services of {@code keyPrefix}, on a connection of an application's Lettuce client whose
     * commands wait for Redis up to 10 s; closing closes only that connection.
     *
     * @throws RedisCommandRefusedException when that Redis is a node of a Redis Cluster (give the cluster's client instead)
     */
    public static RedisServiceStreams using(RedisClient client, RedisURI uri, String keyPrefix) {
        return using(client, uri, keyPrefix, OperatorConnection.COMMAND_TIMEOUT);
    }

    /**
     * The services of {@code keyPrefix}, on a connection of an application's Lettuce client whose
     * commands wait for Redis up to {@code commandTimeout}; closing closes only that connection.
     *
     * @throws RedisCommandRefusedException when that Redis is a node of a Redis Cluster (give the cluster's client instead)
     */
    public static RedisServiceStreams using(RedisClient client, RedisURI uri, String keyPrefix, Duration commandTimeout) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        return new RedisServiceStreams(OperatorConnection.on(client, uri, RedisConnector.CODEC, null, commandTimeout), keyPrefix);
    }

    /**
     * The services of {@code keyPrefix}, on a connection of an application's Redis Cluster client
     * (their streams are looked for on every master) whose commands wait for Redis up to 10 s;
     * closing closes only that connection.
     */
    public static RedisServiceStreams using(RedisClusterClient client, String keyPrefix) {
        return using(client, keyPrefix, OperatorConnection.COMMAND_TIMEOUT);
    }

    /**
     * The services of {@code keyPrefix}, on a connection of an application's Redis Cluster client
     * whose commands wait for Redis up to {@code commandTimeout}; closing closes only that connection.
     */
    public static RedisServiceStreams using(RedisClusterClient client, String keyPrefix, Duration commandTimeout) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        return new RedisServiceStreams(OperatorConnection.on(client, RedisConnector.CODEC, commandTimeout), keyPrefix);
    }

    /** The key prefix whose services are listed. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /**
     * Every service with a command stream on the key prefix, by service name.
     *
     * @throws RedisCommandTimeoutException when Redis does not answer in time, or the whole listing
     *                                      takes longer than 30 s (a keyspace too large to scan at once)
     * @throws RedisConnectionException     when Redis cannot be reached
     */
    public List<ServiceStream> list() {
        Deadline deadline = new Deadline(nanoTime.getAsLong() + LIST_TIME_LIMIT.toNanos());
        List<ServiceStream> streams = new ArrayList<>();
        for (String key : commandStreams(deadline)) {
            String service = key.substring(StreamKeys.commands(keyPrefix, "").length());
            long waitMillis = Math.min(READ_TIMEOUT.toMillis(), deadline.millisLeft("inspecting " + key));
            StreamInspection.Inspected inspected;
            try {
                inspected = inspection.inspect(key, service, true).toCompletableFuture().get(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClamatorTransportException("interrupted while inspecting " + key, e);
            } catch (TimeoutException e) {
                RedisCommandTimeoutException late = new RedisCommandTimeoutException("no answer from Redis within "
                        + waitMillis + " ms inspecting " + key);
                late.initCause(e);
                throw late;
            } catch (ExecutionException e) {
                Throwable cause = AsyncResults.unwrap(e);
                if (cause instanceof RedisCommandTimeoutException || cause instanceof RedisConnectionException) {
                    throw (RuntimeException) cause; // Redis not reachable or not answering in time, whatever EXISTS says now
                }
                if (redis.exists(key) == 0) {
                    continue; // deleted since the scan
                }
                throw new ClamatorTransportException("inspecting " + key + " failed: " + AsyncResults.unwrap(e).getMessage(),
                        AsyncResults.unwrap(e));
            }
            streams.add(new ServiceStream(service, key, inspected.figures().length(), inspected.figures().lag(),
                    inspected.figures().pending(), inspected.figures().oldestPendingAgeMillis(), inspected.groupExists(),
                    inspected.consumers()));
        }
        streams.sort((a, b) -> a.service().compareTo(b.service()));
        return streams;
    }

    /**
     * Removes a consumer from a service's group if it has nothing pending and has been idle for at
     * least {@code leastIdle} (a server instance that is gone). A live server that is removed loses
     * nothing: Redis creates its consumer again when it next delivers to it.
     */
    public ConsumerRemoval removeIdleConsumer(String service, String consumer, Duration leastIdle) {
        String stream = StreamKeys.commands(keyPrefix, service);
        if (redis.exists(stream) == 0) {
            return ConsumerRemoval.UNKNOWN;
        }
        try {
            byte[] found = redis.eval(REMOVE_IDLE, ScriptOutputType.VALUE, new String[] {stream}, bytes(service), bytes(consumer),
                    bytes(Long.toString(leastIdle.toMillis())));
            return ConsumerRemoval.valueOf(new String(found, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            if (RedisErrorKind.of(e) == RedisErrorKind.NO_GROUP) {
                return ConsumerRemoval.UNKNOWN;
            }
            throw e;
        }
    }

    private List<String> commandStreams(Deadline deadline) {
        KeyScanArgs args = KeyScanArgs.Builder.matches(glob(StreamKeys.commands(keyPrefix, "")) + "*").type("stream").limit(1000);
        List<String> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        int pages = 0;
        do {
            deadline.millisLeft("scanning the keys after " + pages + " SCAN pages (" + keys.size() + " command streams found)");
            KeyScanCursor<String> page = redis.scan(cursor, args);
            keys.addAll(page.getKeys());
            cursor = page;
            pages++;
        } while (!cursor.isFinished());
        return keys;
    }

    /** When a listing has to end, on {@link #nanoTime}. */
    private final class Deadline {

        private final long endNanos;

        Deadline(long endNanos) {
            this.endNanos = endNanos;
        }

        /** The milliseconds left (at least 1), or a timeout naming what was under way when they ran out. */
        long millisLeft(String doing) {
            long left = endNanos - nanoTime.getAsLong();
            if (left <= 0) {
                throw new RedisCommandTimeoutException("listing the services of key prefix \"" + keyPrefix + "\" took longer than "
                        + LIST_TIME_LIMIT.toSeconds() + " s; stopped " + doing);
            }
            return Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
        }
    }

    /** The text as a glob pattern matching only itself. */
    static String glob(String text) {
        return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    @Override
    public void close() {
        connection.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
