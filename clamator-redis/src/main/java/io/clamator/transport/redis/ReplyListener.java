package io.clamator.transport.redis;

import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's reply loop: {@code XREAD BLOCK COUNT n} on its own reply stream from {@code 0-0},
 * following the last id seen, on a connection of its own. Each read is issued from the completion
 * of the previous one, and replies are delivered right there, without a hand-over to another
 * thread. A read takes at most {@link #readCount} replies, so the replies one read brings into
 * memory stay bounded however many calls are in flight.
 */
final class ReplyListener {

    private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);
    /** What one read may bring, counted in replies of the largest size the client accepts. */
    static final long READ_BYTES = 64L * 1024 * 1024;
    /** The most replies one read takes, whatever their size. */
    static final int MAX_READ_COUNT = 256;

    private final TransportConnection<byte[]> connection;
    private final RedisClusterAsyncCommands<String, byte[]> reader;
    private final String stream;
    private final XReadArgs readArgs;
    private final TransportTimer timer;
    private final Consumer<byte[]> replies;
    private final Backoff backoff = new Backoff(log, "client reply loop");
    private volatile boolean running;
    private volatile String lastId = "0-0";
    private final AtomicLong entriesRead = new AtomicLong();

    /**
     * @param readCount the most replies one read takes ({@link #readCount(int)})
     */
    ReplyListener(TransportConnection<byte[]> connection, String stream, Duration blockTime, int readCount, TransportTimer timer,
                  Consumer<byte[]> replies) {
        this.connection = connection;
        this.reader = connection.async();
        this.stream = stream;
        this.readArgs = XReadArgs.Builder.block(blockTime).count(readCount);
        this.timer = timer;
        this.replies = replies;
    }

    /**
     * The most replies one read takes for a client that accepts replies of up to
     * {@code maxPayloadBytes}: {@link #READ_BYTES} worth of them, at least one, at most
     * {@link #MAX_READ_COUNT} (64 replies of the default 1 MiB).
     */
    static int readCount(int maxPayloadBytes) {
        return (int) Math.max(1, Math.min(MAX_READ_COUNT, READ_BYTES / maxPayloadBytes));
    }

    void start() {
        running = true;
        readNext();
    }

    /** How many entries this loop has read from its stream. */
    long entriesRead() {
        return entriesRead.get();
    }

    /** Ends the loop: closing its connection ends a blocked read at once. */
    void stop() {
        running = false;
        connection.close();
    }

    private void readNext() {
        if (running) {
            reader.xread(readArgs, XReadArgs.StreamOffset.from(stream, lastId)).whenComplete(this::onRead);
        }
    }

    private void onRead(List<StreamMessage<String, byte[]>> entries, Throwable error) {
        if (error != null) {
            if (running) {
                timer.schedule(this::readNext, Duration.ofMillis(backoff.onFailure(error)));
            }
            return;
        }
        backoff.onSuccess();
        entriesRead.addAndGet(entries.size());
        try {
            for (StreamMessage<String, byte[]> entry : entries) {
                lastId = entry.getId();
                byte[] envelope = entry.getBody().get(StreamKeys.ENVELOPE);
                if (envelope != null) {
                    deliver(entry.getId(), envelope);
                }
            }
        } finally {
            readNext();
        }
    }

    /** Hands on one reply; whatever it throws is logged, so that the loop goes on reading. */
    private void deliver(String entryId, byte[] envelope) {
        try {
            replies.accept(envelope);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            log.error("reply {} on {} could not be handed on; the reply loop goes on", entryId, stream, e);
        }
    }

    /** What keeps the loop from reading replies (for health checks), or {@code null} while it reads. */
    String problem() {
        return backoff.problem(running);
    }
}
