package io.clamator.transport.redis;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's reply loop: {@code XREAD BLOCK} on its own reply stream from {@code 0-0}, following
 * the last id seen, on a connection of its own.
 */
final class ReplyListener {

    private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);

    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisCommands<String, byte[]> reader;
    private final String stream;
    private final Duration blockTime;
    private final Consumer<byte[]> replies;
    private final Backoff backoff = new Backoff(log, "client reply loop");
    private final Thread thread;
    private volatile boolean running;
    private String lastId = "0-0";

    ReplyListener(StatefulRedisConnection<String, byte[]> connection, String stream, Duration blockTime, Consumer<byte[]> replies) {
        this.connection = connection;
        this.reader = connection.sync();
        this.stream = stream;
        this.blockTime = blockTime;
        this.replies = replies;
        this.thread = new Thread(this::run, "clamator-replies");
        this.thread.setDaemon(true);
    }

    void start() {
        running = true;
        thread.start();
    }

    /** Ends the loop: closing its connection ends a blocked read at once. */
    void stop() {
        running = false;
        connection.close();
        try {
            thread.join(blockTime.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        XReadArgs args = XReadArgs.Builder.block(blockTime);
        while (running) {
            try {
                List<StreamMessage<String, byte[]>> entries = reader.xread(args, XReadArgs.StreamOffset.from(stream, lastId));
                backoff.onSuccess();
                for (StreamMessage<String, byte[]> entry : entries) {
                    lastId = entry.getId();
                    byte[] envelope = entry.getBody().get(StreamKeys.ENVELOPE);
                    if (envelope != null) {
                        replies.accept(envelope);
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    pause(backoff.onFailure(e));
                }
            }
        }
    }

    private void pause(long millis) {
        if (!Backoff.pause(millis, () -> running)) {
            running = false;
        }
    }
}
