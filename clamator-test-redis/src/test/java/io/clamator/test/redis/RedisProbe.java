package io.clamator.test.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Function;

/** Talks to a test server with a real client (Lettuce) and checks whether a port takes connections. */
final class RedisProbe {

    private RedisProbe() {
    }

    static <T> T withCommands(String url, Function<RedisCommands<String, String>, T> action) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(5));
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return action.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    static String ping(TestRedisServer server) {
        return withCommands(server.url(), RedisCommands::ping);
    }

    static String get(TestRedisServer server, String key) {
        return withCommands(server.url(), redis -> redis.get(key));
    }

    static long keyCount(TestRedisServer server) {
        return withCommands(server.url(), RedisCommands::dbsize);
    }

    static boolean refusesConnections(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }
}
