package io.clamator.test.redis;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A Redis server for tests, obtained from {@link TestRedis}.
 *
 * <p>{@link #stop()}, {@link #start()} and {@link #restart()} keep the port, so clients configured with
 * {@link #url()} reconnect to the same address. They are only supported on servers the caller owns
 * ({@link TestRedis#startDedicated()}); elsewhere they throw {@link UnsupportedOperationException}.
 */
public final class TestRedisServer implements AutoCloseable {

    private final RedisEndpoint endpoint;
    private final String url;
    private final String source;
    private final ServerControl control;
    private final TlsListener tls;

    TestRedisServer(RedisEndpoint endpoint, String url, String source, ServerControl control) {
        this(endpoint, url, source, control, null);
    }

    TestRedisServer(RedisEndpoint endpoint, String url, String source, ServerControl control, TlsListener tls) {
        this.endpoint = endpoint;
        this.url = url;
        this.source = source;
        this.control = control;
        this.tls = tls;
    }

    /** The URL to give Redis clients, {@code redis://host:port} for servers started here. */
    public String url() {
        return url;
    }

    public String host() {
        return endpoint.host();
    }

    /**
     * The URL of the server's TLS port, {@code rediss://127.0.0.1:port}; clients must trust
     * {@link TestCertificates#caCertificate() the authority} of {@link #certificates()}.
     *
     * @throws IllegalStateException unless the server was started by {@link TestRedis#startDedicatedWithTls()}
     */
    public String tlsUrl() {
        return "rediss://" + endpoint.host() + ":" + tlsListener().port();
    }

    /** The TLS port; see {@link #tlsUrl()}. */
    public int tlsPort() {
        return tlsListener().port();
    }

    /** The certificates the TLS port serves; see {@link #tlsUrl()}. */
    public TestCertificates certificates() {
        return tlsListener().certificates();
    }

    private TlsListener tlsListener() {
        if (tls == null) {
            throw new IllegalStateException(this + " has no TLS port; start one with TestRedis.startDedicatedWithTls()");
        }
        return tls;
    }

    public int port() {
        return endpoint.port();
    }

    /** The {@code redis_version} reported by {@code INFO server}. */
    public String version() {
        String info = call("INFO", "server");
        return info.lines()
                .filter(line -> line.startsWith("redis_version:"))
                .map(line -> line.substring("redis_version:".length()).trim())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("INFO server of " + endpoint + " has no redis_version"));
    }

    /** Where the server came from, e.g. {@code /usr/bin/redis-server} or {@code testcontainers redis:7-alpine}. */
    public String source() {
        return source;
    }

    /** Stops the server but keeps its port for {@link #start()}. Does nothing if it is not running. */
    public void stop() {
        control.stop();
    }

    /**
     * Kills the server at once (SIGKILL), as a crash does: unlike {@link #stop()}, it writes nothing
     * and hands nothing over to its replicas. Only for {@code redis-server} processes the caller owns.
     */
    public void kill() {
        control.kill();
    }

    /** Starts the server again on the same port and waits until it answers PING. Does nothing if it runs. */
    public void start() {
        control.start();
    }

    /** Stops and starts the server on the same port; its data is gone afterwards. */
    public void restart() {
        control.stop();
        control.start();
    }

    public boolean isRunning() {
        return control.isRunning();
    }

    /**
     * Suspends the server (SIGSTOP): its connections stay open and nothing answers, as with a
     * hung or partitioned Redis. Only for {@code redis-server} processes the caller owns.
     */
    public void freeze() {
        control.freeze();
    }

    /** Lets a {@link #freeze() frozen} server go on (SIGCONT). */
    public void resume() {
        control.resume();
    }

    /** Deletes all keys of all databases. */
    public void flushAll() {
        call("FLUSHALL");
    }

    /** Stops an owned server for good and frees what it used; does nothing for servers not owned. */
    @Override
    public void close() {
        control.close();
    }

    @Override
    public String toString() {
        return "TestRedisServer[" + source + ", " + endpoint + "]";
    }

    TestRedisServer notOwned(String reason) {
        return new TestRedisServer(endpoint, url, source, new NotOwnedControl(reason, control::isRunning), tls);
    }

    private String call(String... command) {
        try {
            return endpoint.call(command);
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " failed on " + endpoint, e);
        }
    }
}
