package io.clamator.transport.redis;

import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.api.async.RedisAsyncCommands;
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

    private final RedisAsyncCommands<String, byte[]> commands;
    private final String replyStream;
    private final Duration timeToLive;
    private final Duration interval;
    private final TransportTimer timer;
    private final RepeatedFailureLog failures;
    private volatile boolean running;
    private volatile TransportTimer.Scheduled next;

    ReplyStreamLease(RedisAsyncCommands<String, byte[]> commands, String replyStream, Duration timeToLive, TransportTimer timer) {
        this.commands = commands;
        this.replyStream = replyStream;
        this.timeToLive = timeToLive;
        this.interval = timeToLive.dividedBy(3);
        this.timer = timer;
        this.failures = new RepeatedFailureLog(log, "renewing the time to live of reply stream " + replyStream);
    }

    void start() {
        running = true;
        renew();
    }

    void stop() {
        running = false;
        TransportTimer.Scheduled scheduled = next;
        if (scheduled != null) {
            scheduled.cancel();
        }
    }

    private void renew() {
        commands.pexpire(replyStream, timeToLive).whenComplete((renewed, error) -> {
            if (error == null) {
                failures.succeeded();
            } else {
                failures.failed(error, "trying again in " + interval.toMillis() + " ms; the stream may expire while this client waits"
                        + " for a reply");
            }
            if (running) {
                next = timer.schedule(this::renew, interval);
            }
        });
    }
}
