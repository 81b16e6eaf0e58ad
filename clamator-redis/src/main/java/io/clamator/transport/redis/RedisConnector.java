package io.clamator.transport.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;

/**
 * Opens the transport's Redis connections: from an injected Lettuce client (never shut down
 * here) or from a client created and owned by the transport, on the application's resources or
 * else on {@link ClamatorClientResources} of its own. Keys are strings, values raw bytes,
 * so that envelopes are parsed from exactly what is on the wire. A created client fails commands
 * at once while disconnected, and any command (a blocking read included) that gets no answer
 * within the URI's timeout (60 s by default).
 */
final class RedisConnector {

    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final RedisURI uri;
    private final boolean owned;
    private final ClientResources ownedResources;

    private RedisConnector(RedisClient client, RedisURI uri, boolean owned, ClientResources ownedResources) {
        this.client = client;
        this.uri = uri;
        this.owned = owned;
        this.ownedResources = ownedResources;
    }

    /**
     * @param injected  a client supplied by the application, or {@code null} to create one
     * @param uri       where to connect; {@code null} uses the injected client's own default URI,
     *                  else {@code $REDIS_URL}, else {@code redis://localhost:6379}
     * @param resources event loops to share when creating a client, or {@code null}
     */
    static RedisConnector create(RedisClient injected, RedisURI uri, ClientResources resources) {
        if (injected != null) {
            return new RedisConnector(injected, uri, false, null);
        }
        RedisURI target = uri != null ? uri : RedisURI.create(defaultUrl());
        ClientResources ownedResources = resources == null ? ClamatorClientResources.create() : null;
        RedisClient created = RedisClient.create(resources != null ? resources : ownedResources);
        created.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
        return new RedisConnector(created, target, true, ownedResources);
    }

    static String defaultUrl() {
        String fromEnvironment = System.getenv("REDIS_URL");
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "redis://localhost:6379";
    }

    /**
     * Opens a new connection.
     *
     * @throws RedisUnavailableException when Redis cannot be reached
     */
    StatefulRedisConnection<String, byte[]> connect() {
        try {
            return uri != null ? client.connect(CODEC, uri) : client.connect(CODEC);
        } catch (RuntimeException e) {
            throw new RedisUnavailableException(describe(), e);
        }
    }

    /** The URI connections go to, password masked. */
    String describe() {
        if (uri == null) {
            return "the injected RedisClient's default URI";
        }
        return uri.toString();
    }

    /** Shuts the client down if the transport created it, and its resources if they are its own. */
    void release() {
        if (owned) {
            client.shutdown();
        }
        if (ownedResources != null) {
            ownedResources.shutdown();
        }
    }
}
