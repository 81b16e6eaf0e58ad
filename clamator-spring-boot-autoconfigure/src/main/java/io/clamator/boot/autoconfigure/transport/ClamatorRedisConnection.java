package io.clamator.boot.autoconfigure.transport;

import io.clamator.transport.redis.ClamatorClientResources;
import io.clamator.transport.redis.RedisClientFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.resource.ClientResources;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ssl.SslBundle;

/**
 * The Lettuce client clamator's Redis servers and clients open their connections with, and the
 * URI they connect to. Created from the {@link ClamatorRedisConnectionDetails}; shut down when
 * the context closes, after the server and clients have stopped, so Redis connections close last.
 */
public final class ClamatorRedisConnection implements DisposableBean {

    private final RedisClient client;

    private final RedisURI uri;

    private final String origin;

    private final boolean ownsClient;

    private final ClientResources ownedResources;

    /**
     * @param client     the Lettuce client
     * @param uri        where to connect
     * @param origin     where the settings come from, for messages
     * @param ownsClient whether {@link #destroy()} shuts the client down
     */
    public ClamatorRedisConnection(RedisClient client, RedisURI uri, String origin, boolean ownsClient) {
        this(client, uri, origin, ownsClient, null);
    }

    private ClamatorRedisConnection(RedisClient client, RedisURI uri, String origin, boolean ownsClient,
            ClientResources ownedResources) {
        this.client = client;
        this.uri = uri;
        this.origin = origin;
        this.ownsClient = ownsClient;
        this.ownedResources = ownedResources;
    }

    /**
     * Creates a Lettuce client for the given details with {@link RedisClientFactory} (the options
     * plain-Java transports get too), with the details' SSL bundle and connect timeout.
     *
     * @param resources          event loops to share, or {@code null} for resources of the client's own
     * @param flushConsolidation whether resources of the client's own consolidate flushes
     *                           ({@link ClamatorClientResources})
     */
    public static ClamatorRedisConnection create(ClamatorRedisConnectionDetails details, ClientResources resources,
            boolean flushConsolidation) {
        RedisClientFactory.Builder factory = RedisClientFactory.builder().connectTimeout(details.getConnectTimeout());
        SslBundle bundle = details.getSslBundle();
        if (bundle != null) {
            factory.sslOptions(sslOptions(bundle));
        }
        ClientResources ownedResources = null;
        if (resources == null) {
            ownedResources = ClamatorClientResources.create(flushConsolidation);
        }
        RedisClient client = factory.build().create((resources != null) ? resources : ownedResources);
        return new ClamatorRedisConnection(client, details.getRedisUri(), details.getOrigin(), true, ownedResources);
    }

    private static SslOptions sslOptions(SslBundle bundle) {
        SslOptions.Builder ssl = SslOptions.builder()
                .keyManager(bundle.getManagers().getKeyManagerFactory())
                .trustManager(bundle.getManagers().getTrustManagerFactory());
        if (bundle.getOptions().getCiphers() != null) {
            ssl.cipherSuites(bundle.getOptions().getCiphers());
        }
        if (bundle.getOptions().getEnabledProtocols() != null) {
            ssl.protocols(bundle.getOptions().getEnabledProtocols());
        }
        return ssl.build();
    }

    public RedisClient getClient() {
        return this.client;
    }

    public RedisURI getUri() {
        return this.uri;
    }

    /** Where the connection settings come from, e.g. {@code clamator.redis.url}. */
    public String getOrigin() {
        return this.origin;
    }

    @Override
    public void destroy() {
        if (this.ownsClient) {
            this.client.shutdown();
        }
        if (this.ownedResources != null) {
            this.ownedResources.shutdown();
        }
    }
}
