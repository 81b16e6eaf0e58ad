package io.clamator.test.redis;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Where a Redis server listens, with the credentials to send before any command. */
record RedisEndpoint(String host, int port, String username, String password) {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private static final int DEFAULT_PORT = 6379;
    private static final long POLL_INTERVAL_MILLIS = 50;

    static RedisEndpoint of(String host, int port) {
        return new RedisEndpoint(host, port, null, null);
    }

    /** Parses {@code redis://[[username]:password@]host[:port][/database]}. */
    static RedisEndpoint parse(String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("Not a Redis URL with a host: " + url);
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        String userInfo = uri.getUserInfo();
        if (userInfo == null) {
            return of(uri.getHost(), port);
        }
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            return new RedisEndpoint(uri.getHost(), port, null, userInfo);
        }
        String username = colon == 0 ? null : userInfo.substring(0, colon);
        return new RedisEndpoint(uri.getHost(), port, username, userInfo.substring(colon + 1));
    }

    String url() {
        return "redis://" + host + ":" + port;
    }

    /** Runs one command on a new connection and returns its reply. */
    String call(String... command) throws IOException {
        try (RespConnection connection = RespConnection.open(host, port)) {
            if (password != null) {
                if (username == null) {
                    connection.call("AUTH", password);
                } else {
                    connection.call("AUTH", username, password);
                }
            }
            return connection.call(command);
        }
    }

    boolean answersPing() {
        try {
            return "PONG".equals(call("PING"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Polls PING until the server answers (true), the timeout passes or {@code keepWaiting} turns false (false).
     */
    boolean awaitPong(Duration timeout, BooleanSupplier keepWaiting) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!answersPing()) {
            if (!keepWaiting.getAsBoolean() || System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Redis at " + this, e);
            }
        }
        return true;
    }

    /** Host and port only, so credentials never reach logs or messages. */
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
