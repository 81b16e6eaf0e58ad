package io.clamator.transport.redis;

import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a live client's reply stream from expiring: servers give every reply stream they write a
 * time to live, and the client renews it ({@code PEXPIRE}) every third of that while it runs. The
 * stream of a client that crashed then disappears by itself once the time to live has passed
 * since its last reply or renewal. A renewal of a stream that does not exist (no reply yet) does
 * nothing.
 */
final class ReplyStreamLease {

    private static final Logger log = LoggerFactory.getLogger(ReplyStreamLease.class);

    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final String replyStream;
    private final Duration timeToLive;
    private final RepeatedFailureLog failures;
    private final PeriodicPass passes;

    ReplyStreamLease(RedisClusterAsyncCommands<String, byte[]> commands, String replyStream, Duration timeToLive, TransportTimer timer) {
        this.commands = commands;
        this.replyStream = replyStream;
        this.timeToLive = timeToLive;
        this.failures = new RepeatedFailureLog(log, "renewing the time to live of reply stream " + replyStream);
        this.passes = new PeriodicPass(timer, timeToLive.dividedBy(3), this::renew);
    }

    /** Renews every third of the time to live from now on (the first reply gives the stream its time to live). */
    void start() {
        passes.start();
    }

    void stop() {
        passes.stop();
    }

    private void renew(Runnable done) {
        commands.pexpire(replyStream, timeToLive).whenComplete((renewed, error) -> {
            if (error == null) {
                failures.succeeded();
            } else {
                failures.failed(error, "trying again in " + passes.interval().toMillis() + " ms; the stream may expire while this"
                        + " client waits for a reply");
            }
            done.run();
        });
    }
}
