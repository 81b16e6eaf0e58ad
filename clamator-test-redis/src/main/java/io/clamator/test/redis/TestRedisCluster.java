package io.clamator.test.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Redis Cluster for tests, started from {@code redis-server} binaries on free loopback ports
 * (no Docker): three masters sharing the 16384 slots evenly, each with one replica. The caller
 * owns it and must close it. Its nodes are {@link TestRedisServer}s, so a test can stop a master
 * to make its replica take over ({@link #awaitHealthy()} waits until the cluster serves every
 * slot again).
 */
public final class TestRedisCluster implements AutoCloseable {

    /** How long a node may be unreachable before the others fail it over; short, for tests. */
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

    private static final int SLOTS = 16384;
    private static final Duration FORMING_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 100;

    private final List<TestRedisServer> masters;
    private final List<TestRedisServer> replicas;

    private TestRedisCluster(List<TestRedisServer> masters, List<TestRedisServer> replicas) {
        this.masters = List.copyOf(masters);
        this.replicas = List.copyOf(replicas);
    }

    static TestRedisCluster start(RedisBinary binary, int masterCount) {
        List<String> arguments = List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()), "--appendonly", "yes");
        List<TestRedisServer> started = new ArrayList<>();
        try {
            for (int i = 0; i < 2 * masterCount; i++) {
                started.add(ProcessControl.startServer(binary, arguments));
            }
            TestRedisCluster cluster = new TestRedisCluster(started.subList(0, masterCount), started.subList(masterCount, started.size()));
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            started.forEach(TestRedisServer::close);
            throw e;
        }
    }

    /** The first masters, as started (after a failover, a replica serves a stopped master's slots). */
    public List<TestRedisServer> masters() {
        return masters;
    }

    /** The replicas, {@code replicas().get(i)} the replica of {@code masters().get(i)} as started. */
    public List<TestRedisServer> replicas() {
        return replicas;
    }

    /** Every node's URL, {@code redis://127.0.0.1:<port>}: the seeds a cluster client starts from. */
    public List<String> urls() {
        return nodes().map(TestRedisServer::url).toList();
    }

    /**
     * The node that serves {@code key} now: the master (among those started as masters or
     * replicas) that a running node's {@code CLUSTER NODES} gives the key's slot to.
     */
    public TestRedisServer masterOf(String key) {
        TestRedisServer any = nodes().filter(TestRedisServer::isRunning).findFirst().orElseThrow();
        int slot = Integer.parseInt(call(any, "CLUSTER", "KEYSLOT", key).trim());
        String owner = ownerOf(slot, call(any, "CLUSTER", "NODES"));
        return nodes().filter(node -> owner.equals(node.host() + ":" + node.port())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of this cluster at " + owner + " serves slot " + slot));
    }

    /** The {@code host:port} of the live master serving {@code slot} in this CLUSTER NODES text. */
    static String ownerOf(int slot, String clusterNodes) {
        return clusterNodes.lines().map(line -> line.split(" "))
                .filter(fields -> fields.length > 8 && fields[2].contains("master") && !fields[2].contains("fail"))
                .filter(fields -> Stream.of(fields).skip(8).anyMatch(range -> servesSlot(range, slot)))
                .map(fields -> fields[1].split("@")[0])
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no live master serves slot " + slot));
    }

    private static boolean servesSlot(String range, int slot) {
        if (range.startsWith("[")) {
            return false; // a slot being migrated
        }
        String[] bounds = range.split("-");
        int first = Integer.parseInt(bounds[0]);
        int last = bounds.length > 1 ? Integer.parseInt(bounds[1]) : first;
        return slot >= first && slot <= last;
    }

    /**
     * Waits until every running node reports the cluster {@code ok} and sees every slot served by
     * a running master that is not failing: after a master stops, until its replica has taken over.
     */
    public void awaitHealthy() {
        await("every slot to be served by a live master", () -> {
            Set<String> stopped = nodes().filter(node -> !node.isRunning()).map(node -> node.host() + ":" + node.port())
                    .collect(Collectors.toSet());
            return nodes().filter(TestRedisServer::isRunning)
                    .allMatch(node -> call(node, "CLUSTER", "INFO").contains("cluster_state:ok")
                            && servedByLiveMasters(call(node, "CLUSTER", "NODES"), stopped));
        });
    }

    /**
     * Whether in this CLUSTER NODES text no master with slots is failing or suspected to
     * ({@code fail}, {@code fail?}) or is one of the {@code stopped} nodes ({@code host:port}).
     */
    static boolean servedByLiveMasters(String clusterNodes, Set<String> stopped) {
        return clusterNodes.lines().map(line -> line.split(" ")).filter(fields -> fields.length > 8)
                .filter(fields -> fields[2].contains("master"))
                .noneMatch(fields -> fields[2].contains("fail") || stopped.contains(fields[1].split("@")[0]));
    }

    @Override
    public void close() {
        nodes().forEach(TestRedisServer::close);
    }

    private Stream<TestRedisServer> nodes() {
        return Stream.concat(masters.stream(), replicas.stream());
    }

    /** Assigns the slots, lets the nodes meet, makes each replica follow its master, and waits until the cluster is ok. */
    private void form() {
        int perMaster = SLOTS / masters.size();
        for (int i = 0; i < masters.size(); i++) {
            int first = i * perMaster;
            int last = (i == masters.size() - 1) ? SLOTS - 1 : first + perMaster - 1;
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = first; slot <= last; slot++) {
                command.add(Integer.toString(slot));
            }
            call(masters.get(i), command.toArray(String[]::new));
        }
        TestRedisServer first = masters.get(0);
        nodes().skip(1).forEach(node -> call(first, "CLUSTER", "MEET", node.host(), Integer.toString(node.port())));
        int size = masters.size() + replicas.size();
        await("every node to know the other " + (size - 1), () -> nodes().allMatch(node ->
                call(node, "CLUSTER", "NODES").lines().filter(line -> !line.isBlank()).count() == size));
        for (int i = 0; i < replicas.size(); i++) {
            String masterId = call(masters.get(i), "CLUSTER", "MYID");
            call(replicas.get(i), "CLUSTER", "REPLICATE", masterId);
        }
        awaitHealthy();
        await("every replica to be in sync with its master", () -> replicas.stream().allMatch(replica ->
                call(replica, "INFO", "replication").contains("master_link_status:up")));
    }

    private static String call(TestRedisServer node, String... command) {
        try (RespConnection connection = RespConnection.open(node.host(), node.port())) {
            return connection.call(command);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis Cluster node " + node.url() + " did not answer " + command[0] + " "
                    + command[1], e);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + FORMING_TIMEOUT.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // a node busy or restarting: try again until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis Cluster: timed out after " + FORMING_TIMEOUT.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }
}
