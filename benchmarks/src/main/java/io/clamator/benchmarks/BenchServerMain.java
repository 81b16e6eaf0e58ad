package io.clamator.benchmarks;

import io.clamator.transport.redis.RedisRpcServer;
import java.io.IOException;
import org.redisson.api.RedissonClient;

/**
 * A server of the server-count sweep in a JVM of its own ({@link SeparateServersSystem}):
 * {@code clamator <redis-url> <key-prefix> <concurrency>} serves {@link ArithContract} with the
 * plain core, {@code redisson <redis-url> <service-name> <workers>} with Redisson's remote service.
 * Prints {@code READY} once it serves; stops the server at a SIGTERM, and ends when its standard
 * input closes (the harness ended without stopping it).
 */
public final class BenchServerMain {

    private BenchServerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: BenchServerMain clamator|redisson <redis-url> <key-prefix or service name> <concurrency>");
            System.exit(2);
        }
        String redisUrl = args[1];
        String name = args[2];
        int concurrency = Integer.parseInt(args[3]);
        AutoCloseable server = switch (args[0]) {
            case "clamator" -> {
                RedisRpcServer clamator = ClamatorJavaSystem.startServer(redisUrl, name, ClamatorJavaSystem.serverOptions(concurrency).build(),
                        new ArithContract.Handlers());
                yield clamator::stop;
            }
            case "redisson" -> {
                RedissonClient redisson = RedissonSystem.startServer(redisUrl, name, concurrency, new RedissonSystem.ArithRemoteImpl());
                yield redisson::shutdown;
            }
            default -> throw new IllegalArgumentException("unknown server kind " + args[0]);
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
        }));
        System.out.println("READY");
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the harness stops us or ends
        }
        System.exit(0);
    }
}
