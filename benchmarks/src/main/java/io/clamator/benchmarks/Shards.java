package io.clamator.benchmarks;

import io.clamator.server.ServerOptions;
import io.clamator.test.redis.TestRedis;
import io.clamator.test.redis.TestRedisCluster;
import io.clamator.test.redis.TestRedisServer;
import io.clamator.transport.redis.RedisRpcClient;
import io.clamator.transport.redis.RedisRpcServer;
import io.clamator.transport.redis.RedisTransportBuilder;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Shards mode: whether throughput grows with the masters of a Redis Cluster. Three deployments
 * (key prefixes), each a clamator Java server (concurrency 16) and client in this JVM, called by
 * 64 closed-loop callers in all with the small payload: first on the one Redis; then on a local
 * Redis Cluster of three masters (a replica each), once with hash-tagged key prefixes (each
 * deployment's keys on one master, its own) and once with plain ones whose command streams live on
 * different masters (replies and acknowledgements key by key). Prints calls/s and CPU per call of
 * this JVM and of Redis (masters and replicas apart), and what that makes the Redis-bound ceiling.
 */
final class Shards {

    private static final int DEPLOYMENTS = 3;
    private static final int CALLERS = 64;
    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration WINDOW = Duration.ofSeconds(20);

    private Shards() {
    }

    static void run(RedisHarness redis, String run) throws Exception {
        System.out.printf("shards: %d deployments (key prefixes), each a clamator Java server (concurrency 16) and client in this JVM,"
                + " %d callers in all, small payload, %d s window after %d s warmup%n", DEPLOYMENTS, CALLERS, WINDOW.toSeconds(),
                WARMUP.toSeconds());
        List<String> onePrefixes = new ArrayList<>();
        for (int i = 0; i < DEPLOYMENTS; i++) {
            onePrefixes.add(run + "-one-" + i);
        }
        Measurement one = measure(redis, builder -> builder.redisUri(redis.url), onePrefixes);
        report("one-redis", one, "redis");
        try (TestRedisCluster cluster = TestRedis.startCluster(); ClusterFigures figures = new ClusterFigures(cluster)) {
            String[] nodes = cluster.urls().toArray(String[]::new);
            Measurement tagged = measure(figures, builder -> builder.redisCluster(nodes), prefixesOnMasters(cluster, run, true));
            report("cluster-3-hash-tagged", tagged, "masters", "replicas");
            Measurement spread = measure(figures, builder -> builder.redisCluster(nodes), prefixesOnMasters(cluster, run, false));
            report("cluster-3-spread", spread, "masters", "replicas");
            System.out.printf(Locale.ROOT, "RATIO cluster_hash_tagged_vs_one_redis_c64 %.2f%n", tagged.callsPerSecond() / one.callsPerSecond());
            System.out.printf(Locale.ROOT, "RATIO cluster_spread_vs_one_redis_c64 %.2f%n", spread.callsPerSecond() / one.callsPerSecond());
            ceiling("one-redis", one.cpuMicrosPerCall("redis"), 1);
            ceiling("cluster-3-hash-tagged", tagged.cpuMicrosPerCall("masters"), DEPLOYMENTS);
            ceiling("cluster-3-spread", spread.cpuMicrosPerCall("masters"), DEPLOYMENTS);
            ceiling("cluster-3-at-one-redis-cost", one.cpuMicrosPerCall("redis"), DEPLOYMENTS);
        }
    }

    /** A key prefix per master whose command stream {@code <prefix>:cmds:arith} that master owns. */
    private static List<String> prefixesOnMasters(TestRedisCluster cluster, String run, boolean hashTagged) {
        List<String> prefixes = new ArrayList<>();
        for (int master = 0; master < DEPLOYMENTS; master++) {
            TestRedisServer wanted = cluster.masters().get(master);
            for (int candidate = 0; ; candidate++) {
                String base = run + "-" + (hashTagged ? "tagged" : "spread") + "-" + master + "-" + candidate;
                String prefix = hashTagged ? "{" + base + "}" : base;
                if (cluster.masterOf(prefix + ":cmds:arith") == wanted) {
                    prefixes.add(prefix);
                    break;
                }
            }
        }
        return prefixes;
    }

    private static Measurement measure(ResourceProbe.RedisFigures redis, UnaryOperator<RedisTransportBuilder<?>> connect,
                                       List<String> prefixes) throws Exception {
        List<RedisRpcServer> servers = new ArrayList<>();
        List<RedisRpcClient> clients = new ArrayList<>();
        try {
            for (String prefix : prefixes) {
                RedisRpcServer.Builder server = RedisRpcServer.builder().keyPrefix(prefix)
                        .options(ServerOptions.builder().concurrency(16).build());
                connect.apply(server);
                RedisRpcServer started = server.build();
                started.register(ArithContract.class, new ArithContract.Handlers());
                started.start();
                servers.add(started);
                RedisRpcClient.Builder client = RedisRpcClient.builder().keyPrefix(prefix).defaultTimeout(ClamatorJavaSystem.CALL_TIMEOUT);
                connect.apply(client);
                RedisRpcClient startedClient = client.build();
                startedClient.start();
                clients.add(startedClient);
            }
            AtomicInteger next = new AtomicInteger();
            return ClosedLoop.run(() -> Payload.SMALL.callThrough(clients.get(Math.floorMod(next.getAndIncrement(), clients.size())),
                    ClamatorJavaSystem.CALL_TIMEOUT), CALLERS, WARMUP, WINDOW, new ResourceProbe(redis, Map.of()));
        } finally {
            clients.forEach(RedisRpcClient::stop);
            servers.forEach(RedisRpcServer::stop);
        }
    }

    private static void report(String name, Measurement measurement, String... redisParts) {
        StringBuilder redis = new StringBuilder();
        for (String part : redisParts) {
            String label = part.equals("redis") ? "redis" : "redis_" + part;
            redis.append(String.format(Locale.ROOT, " %s_cpu_us_per_call=%.1f", label, measurement.cpuMicrosPerCall(part)));
        }
        System.out.printf(Locale.ROOT, "SHARDS %s calls_per_s=%.0f p50_us=%d p99_us=%d errors=%d jvm_cpu_us_per_call=%.1f%s%n", name,
                measurement.callsPerSecond(), measurement.percentileMicros(50), measurement.percentileMicros(99), measurement.errors,
                measurement.cpuMicrosPerCall("jvm"), redis);
    }

    /**
     * What the Redis side alone would allow with a core per master, each busy with its share of the
     * calls at the given Redis CPU per call (summed over the masters). The cost measured on a lightly
     * loaded master is an upper bound: a busy Redis serves more commands per wake-up.
     */
    private static void ceiling(String name, double redisMicrosPerCall, int masters) {
        System.out.printf(Locale.ROOT, "SHARDS_CEILING %s redis_bound_calls_per_s=%.0f (%d master(s) x 1e6 / %.1f us per call)%n", name,
                masters * 1e6 / redisMicrosPerCall, masters, redisMicrosPerCall);
    }

    /** The CPU time of a cluster's masters and replicas apart, and the command counters of the masters, read with INFO. */
    private static final class ClusterFigures implements ResourceProbe.RedisFigures, AutoCloseable {

        private final List<Node> masters = new ArrayList<>();
        private final List<Node> replicas = new ArrayList<>();

        ClusterFigures(TestRedisCluster cluster) {
            cluster.masters().forEach(node -> masters.add(new Node(node.url())));
            cluster.replicas().forEach(node -> replicas.add(new Node(node.url())));
        }

        @Override
        public Map<String, Long> cpuNanosByPart() {
            return Map.of("masters", sum(masters), "replicas", sum(replicas));
        }

        @Override
        public Map<String, Long> commandStats() {
            return Map.of();
        }

        private static long sum(List<Node> nodes) {
            return nodes.stream().mapToLong(Node::cpuNanos).sum();
        }

        @Override
        public void close() {
            masters.forEach(Node::close);
            replicas.forEach(Node::close);
        }
    }

    private static final class Node implements AutoCloseable {

        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;

        Node(String url) {
            client = RedisClient.create(url);
            connection = client.connect();
        }

        long cpuNanos() {
            return RedisHarness.cpuNanos(RedisHarness.parseInfo(connection.sync().info("cpu")));
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }
}
