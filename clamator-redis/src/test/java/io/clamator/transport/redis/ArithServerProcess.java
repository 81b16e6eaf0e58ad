package io.clamator.transport.redis;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import java.time.Duration;

/**
 * A Redis server for {@code arith} in a JVM of its own, for worker-pool and crash tests.
 * Arguments: redis URL (or {@value #CLUSTER} and the comma-separated URLs of cluster nodes), key
 * prefix, instance id, claim idle in ms, and optionally the delivery limit. Prints {@code READY} once serving, {@code HANDLING} when a handler starts, and
 * {@code HANDLED:<n>} when terminated. An {@code echoText} of {@code "halt"} halts the JVM, as a
 * call that crashes its server does.
 */
public final class ArithServerProcess {

    /** Starts the first argument when it names Redis Cluster nodes. */
    static final String CLUSTER = "cluster:";

    private ArithServerProcess() {
    }

    public static void main(String[] args) {
        ArithService arith = new ArithService() {
            @Override
            public AddResult add(AddParams params) {
                announce();
                return super.add(params);
            }

            @Override
            public AddResult slowAdd(SlowAddParams params) {
                announce();
                return super.slowAdd(params);
            }

            @Override
            public EchoText echo(EchoText params) {
                announce();
                if ("halt".equals(params.text())) {
                    Runtime.getRuntime().halt(3);
                }
                return super.echo(params);
            }
        };
        RedisRpcServer.Builder builder = RedisRpcServer.builder();
        if (args[0].startsWith(CLUSTER)) {
            builder.redisCluster(args[0].substring(CLUSTER.length()).split(","));
        } else {
            builder.redisUri(args[0]);
        }
        RedisRpcServer server = builder.keyPrefix(args[1]).instanceId(args[2])
                .claimIdle(Duration.ofMillis(Long.parseLong(args[3])))
                .maxDeliveries(args.length > 4 ? Integer.parseInt(args[4]) : 5)
                .build();
        server.register(Arith.class, arith);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("HANDLED:" + arith.handled.get());
            System.out.flush();
            server.stop();
        }));
        server.start();
        System.out.println("READY");
        System.out.flush();
    }

    private static void announce() {
        System.out.println("HANDLING");
        System.out.flush();
    }
}
