package io.clamator.test.redis;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Entry point for tests that need a real Redis server.
 *
 * <p>The server is found or started in this order:
 * <ol>
 *   <li>the URL in system property {@code clamator.test.redis.url} or environment variable
 *       {@code CLAMATOR_TEST_REDIS_URL}, used as is (shared server only);</li>
 *   <li>a Testcontainers {@code redis:7-alpine} container, when Testcontainers is on the classpath,
 *       a Docker engine answers and no binary is chosen;</li>
 *   <li>a {@code redis-server} child process on a free loopback port. The binary is chosen by
 *       {@code CLAMATOR_TEST_REDIS_BINARY} (or {@code clamator.test.redis.binary}): {@code path} for the one
 *       on {@code PATH}, {@code embedded} for the Redis 6.2 binary shipped by embedded-redis, or an absolute
 *       path; unset means {@code PATH} first, then embedded.</li>
 * </ol>
 */
public final class TestRedis {

    private static final Logger LOG = System.getLogger(TestRedis.class.getName());

    private static final String SHARED_NOT_OWNED = "the shared test Redis is used by every test in this JVM"
            + " and cannot be stopped or restarted; use TestRedis.startDedicated() for a server you own";

    private static TestRedisServer shared;
    private static TestRedisCluster sharedCluster;

    private TestRedis() {
    }

    /**
     * The server shared by all tests of this JVM, found or started on first use and stopped at JVM exit.
     * It cannot be stopped or restarted, and {@code close()} leaves it running.
     */
    public static synchronized TestRedisServer shared() {
        if (shared == null) {
            shared = resolveShared(TestRedisSettings.current());
            LOG.log(Level.INFO, "Shared test Redis {0}: {1} at {2}:{3,number,#}",
                    shared.version(), shared.source(), shared.host(), shared.port());
        }
        return shared;
    }

    /**
     * Starts a fresh server that the caller owns and must close, for tests that stop or restart Redis.
     * An explicit URL setting is ignored here: such a server is not ours to stop.
     */
    public static TestRedisServer startDedicated() {
        TestRedisServer server = startOwned(TestRedisSettings.current());
        LOG.log(Level.DEBUG, "Dedicated test Redis: {0} at {1}:{2,number,#}",
                server.source(), server.host(), server.port());
        return server;
    }

    /**
     * Starts a fresh {@code redis-server} child process that the caller owns and must close, listening
     * on a second port that speaks TLS only ({@link TestRedisServer#tlsUrl()}), with certificates
     * generated for it ({@link TestCertificates}). Needs a {@code redis-server} built with TLS, as
     * Debian's and the embedded Redis 6.2 are, and BouncyCastle on the test classpath.
     */
    public static TestRedisServer startDedicatedWithTls() {
        return ProcessControl.startServer(RedisBinaries.locate(TestRedisSettings.current().binary(), System.getenv("PATH")), true);
    }

    /**
     * Starts a Redis Cluster of three masters with one replica each from {@code redis-server}
     * binaries (chosen as for a dedicated server; never a container), which the caller owns and
     * must close.
     */
    public static TestRedisCluster startCluster() {
        return TestRedisCluster.start(RedisBinaries.locate(TestRedisSettings.current().binary(), System.getenv("PATH")), 3);
    }

    /**
     * A Redis Cluster shared by the tests of this JVM that only use it (three masters with one
     * replica each, as {@link #startCluster()}), started on first use; its nodes stop at JVM exit.
     * Tests that stop nodes start a cluster of their own.
     */
    public static synchronized TestRedisCluster sharedCluster() {
        if (sharedCluster == null) {
            sharedCluster = startCluster();
            LOG.log(Level.INFO, "Shared test Redis Cluster: {0}", sharedCluster.urls());
        }
        return sharedCluster;
    }

    static TestRedisServer resolveShared(TestRedisSettings settings) {
        return settings.url()
                .map(TestRedis::external)
                .orElseGet(() -> startOwned(settings).notOwned(SHARED_NOT_OWNED));
    }

    static TestRedisServer startOwned(TestRedisSettings settings) {
        if (settings.binary().isEmpty() && DockerProbe.dockerAnswers()) {
            return ContainerControl.startServer();
        }
        return ProcessControl.startServer(RedisBinaries.locate(settings.binary(), System.getenv("PATH")));
    }

    private static TestRedisServer external(TestRedisSettings.Setting url) {
        RedisEndpoint endpoint = RedisEndpoint.parse(url.value());
        if (!endpoint.awaitPong(RedisEndpoint.STARTUP_TIMEOUT, () -> true)) {
            throw new IllegalStateException("Redis from " + url.origin() + " (" + endpoint
                    + ") does not answer PING within " + RedisEndpoint.STARTUP_TIMEOUT.toSeconds() + " s");
        }
        String notOwned = "Redis from " + url.origin() + " is not owned by the tests and cannot be stopped"
                + " or restarted; use TestRedis.startDedicated() for a server you own";
        return new TestRedisServer(endpoint, url.value(), url.origin(),
                new NotOwnedControl(notOwned, endpoint::answersPing));
    }
}
