package io.clamator.transport.redis;

import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a service's consumer group free of consumers nobody uses: every interval (a quarter of
 * the idle timeout, between 100 ms and 5 minutes) it removes the consumers that have nothing
 * pending and have been idle for longer than the idle timeout (instances that are gone), and a
 * stopping server removes its own consumer when nothing is pending to it. A consumer with pending
 * entries is never removed: that would drop its entries from the group, and their calls would
 * never be handled; they are reclaimed first, and the consumer goes at a later pass. Removing a
 * live consumer that has nothing pending loses nothing: Redis creates it again when it next
 * delivers an entry to it (before Redis 7.2 a read that finds nothing neither resets a consumer's
 * idle time nor creates it, so a live instance without calls for longer than the idle timeout is
 * removed as well and comes back with its next call).
 */
final class ConsumerCleanup {

    private static final Logger log = LoggerFactory.getLogger(ConsumerCleanup.class);
    private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(100);
    private static final Duration LONGEST_INTERVAL = Duration.ofMinutes(5);

    /**
     * KEYS: the command stream. ARGV: group, idle timeout in ms, this server's consumer (spared).
     * Returns how many consumers were removed.
     */
    private static final String REMOVE_IDLE = LuaScript.FIELDS_FUNCTION + """
            local group, max_idle, own = ARGV[1], tonumber(ARGV[2]), ARGV[3]
            local removed = 0
            for _, each in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], group)) do
              local consumer = fields(each)
              if consumer['name'] ~= own and tonumber(consumer['pending']) == 0 and tonumber(consumer['idle']) > max_idle then
                redis.call('XGROUP', 'DELCONSUMER', KEYS[1], group, consumer['name'])
                removed = removed + 1
              end
            end
            return removed
            """;

    /** KEYS: the command stream. ARGV: group, consumer. Removes the consumer if nothing is pending to it; returns 1 if it did. */
    private static final String LEAVE = """
            if #redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2]) > 0 then
              return 0
            end
            return redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2]) >= 0 and 1 or 0
            """;

    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final String service;
    private final String stream;
    private final String[] keys;
    private final byte[][] removeArgs;
    private final byte[][] leaveArgs;
    private final LuaScript removeIdle;
    private final LuaScript leave;
    private final RepeatedFailureLog failures;
    private final PeriodicPass passes;

    ConsumerCleanup(RedisClusterAsyncCommands<String, byte[]> commands, String service, String stream, String consumer,
                    Duration idleTimeout, TransportTimer timer) {
        this.commands = commands;
        this.service = service;
        this.stream = stream;
        this.keys = new String[] {stream};
        this.removeArgs = new byte[][] {bytes(service), bytes(Long.toString(idleTimeout.toMillis())), bytes(consumer)};
        this.leaveArgs = new byte[][] {bytes(service), bytes(consumer)};
        this.removeIdle = new LuaScript(commands, REMOVE_IDLE, ScriptOutputType.INTEGER);
        this.leave = new LuaScript(commands, LEAVE, ScriptOutputType.INTEGER);
        this.failures = new RepeatedFailureLog(log, "removing idle consumers of service " + service);
        this.passes = new PeriodicPass(timer, intervalFor(idleTimeout), this::pass);
    }

    /** How often idle consumers are looked for: a quarter of the idle timeout, between 100 ms and 5 minutes. */
    static Duration intervalFor(Duration idleTimeout) {
        Duration quarter = idleTimeout.dividedBy(4);
        if (quarter.compareTo(SHORTEST_INTERVAL) < 0) {
            return SHORTEST_INTERVAL;
        }
        return quarter.compareTo(LONGEST_INTERVAL) > 0 ? LONGEST_INTERVAL : quarter;
    }

    void start() {
        passes.start();
    }

    void stop() {
        passes.stop();
    }

    /**
     * Removes this server's own consumer unless entries are pending to it.
     *
     * @return completes when done; never fails (a failure is logged)
     */
    CompletableFuture<Void> leaveGroup() {
        return leave.<Long>evaluate(commands, keys, leaveArgs).handle((left, error) -> {
            if (error != null) {
                log.debug("service {}: could not remove this server's consumer from {}", service, stream, error);
            } else if (left == 0) {
                log.info("service {}: this server's consumer stays in the group of {}: entries are pending to it and will be"
                        + " reclaimed", service, stream);
            }
            return null;
        });
    }

    private void pass(Runnable done) {
        removeIdle.<Long>evaluate(commands, keys, removeArgs).whenComplete((removed, error) -> {
            if (error == null) {
                failures.succeeded();
                if (removed > 0) {
                    log.info("service {}: removed {} idle consumer(s) with nothing pending from the group of {}", service, removed, stream);
                }
            } else {
                failures.failed(error, "consumers of stopped instances stay in the group; trying again in "
                        + passes.interval().toMillis() + " ms");
            }
            done.run();
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
