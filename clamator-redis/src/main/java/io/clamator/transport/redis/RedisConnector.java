package io.clamator.transport.redis;

import io.clamator.health.ClamatorHealth;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Opens a transport's Redis connections: from an injected Lettuce client (never shut down here)
 * or from one made by {@link RedisClientFactory} and owned by the transport, on the application's
 * resources or else on {@link ClamatorClientResources} of its own. Keys are strings, values raw
 * bytes, so that envelopes are parsed from exactly what is on the wire. Every connection times out
 * its commands after the command timeout; a connection for blocking reads gets their block time
 * on top.
 */
final class RedisConnector {

    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** How long releasing waits for the threads of the transport's own resources to end. */
    private static final Duration RESOURCES_SHUTDOWN = Duration.ofSeconds(2);

    private final RedisClient client;
    private final RedisURI uri;
    private final String origin;
    private final Duration commandTimeout;
    private final boolean ownsClient;
    private final ClientResources ownedResources;

    private RedisConnector(RedisClient client, RedisURI uri, String origin, Duration commandTimeout, boolean ownsClient,
            ClientResources ownedResources) {
        this.client = client;
        this.uri = uri;
        this.origin = origin;
        this.commandTimeout = commandTimeout;
        this.ownsClient = ownsClient;
        this.ownedResources = ownedResources;
    }

    /**
     * @param injected       a client supplied by the application, or {@code null} to create one
     * @param uri            where to connect; {@code null} uses the injected client's own default URI,
     *                       else {@code $REDIS_URL}, else {@code redis://localhost:6379}
     * @param origin         where {@code uri} was configured, for messages, or {@code null}
     * @param resources      event loops to share when creating a client, or {@code null}
     * @param commandTimeout how long a command may go unanswered
     */
    static RedisConnector create(RedisClient injected, RedisURI uri, String origin, ClientResources resources,
            Duration commandTimeout) {
        if (injected != null) {
            return new RedisConnector(injected, uri, origin, commandTimeout, false, null);
        }
        RedisURI target = uri;
        String targetOrigin = origin;
        if (uri == null) {
            String fromEnvironment = System.getenv("REDIS_URL");
            boolean fromVariable = fromEnvironment != null && !fromEnvironment.isBlank();
            target = RedisURI.create(fromVariable ? fromEnvironment : "redis://localhost:6379");
            targetOrigin = fromVariable ? "REDIS_URL" : "the default: neither redisUri nor REDIS_URL is set";
        }
        ClientResources ownedResources = resources == null ? ClamatorClientResources.create() : null;
        RedisClient created = RedisClientFactory.builder().build().create(resources != null ? resources : ownedResources);
        return new RedisConnector(created, target, targetOrigin, commandTimeout, true, ownedResources);
    }

    /**
     * Opens a connection for ordinary commands.
     *
     * @throws RedisUnavailableException when Redis cannot be reached
     */
    StatefulRedisConnection<String, byte[]> connect() {
        return connect(Duration.ZERO);
    }

    /**
     * Opens a connection for blocking reads of up to {@code blockTime}.
     *
     * @throws RedisUnavailableException when Redis cannot be reached
     */
    StatefulRedisConnection<String, byte[]> connectForBlockingReads(Duration blockTime) {
        return connect(blockTime);
    }

    private StatefulRedisConnection<String, byte[]> connect(Duration blockTime) {
        StatefulRedisConnection<String, byte[]> connection;
        try {
            connection = uri != null ? client.connect(CODEC, uri) : client.connect(CODEC);
        } catch (RuntimeException e) {
            throw new RedisUnavailableException(uri == null ? null : uri.toString(), origin, e);
        }
        connection.setTimeout(commandTimeout.plus(blockTime));
        return connection;
    }

    /** The resources the connections run on: their event loops and timer. */
    ClientResources resources() {
        return client.getResources();
    }

    /** The URI connections go to, password masked, and where it was configured. */
    String describe() {
        return RedisUnavailableException.where(uri == null ? null : uri.toString(), origin);
    }

    /** Shuts the client down if the transport created it, and its resources if they are its own. */
    void release() {
        if (ownsClient) {
            client.shutdown();
        }
        if (ownedResources != null) {
            ownedResources.shutdown(0, RESOURCES_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(RESOURCES_SHUTDOWN.toMillis());
        }
    }

    /** The health of a connection opened here: {@code UP} while it is connected. */
    static ClamatorHealth health(StatefulRedisConnection<?, ?> connection) {
        return connection != null && connection.isOpen() ? ClamatorHealth.up(Map.of())
                : ClamatorHealth.down(Map.of("connection", "not connected to Redis; reconnecting"));
    }
}
