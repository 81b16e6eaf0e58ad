package io.clamator.transport.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link ReplyWriter} as a group commit: what is ready while the previous batch is under way
 * goes out together as the next one (at most {@value #MAX_BATCH} writes). When nothing is under
 * way a write goes out at once, so a lone reply waits for nothing. One batch at a time keeps
 * writes in the order they were asked for.
 */
abstract class GroupCommitReplyWriter implements ReplyWriter {

    private static final int MAX_BATCH = 256;
    private static final byte[] NO_ENVELOPE = new byte[0];

    /** Guarded by {@code this}. */
    private final List<Write> waiting = new ArrayList<>();
    /** Guarded by {@code this}: a batch has been sent and not yet answered. */
    private boolean writing;

    @Override
    public final CompletionStage<Void> replyAndAck(String replyTo, String entryId, byte[] envelope) {
        return enqueue(new Write(replyTo, entryId, envelope));
    }

    @Override
    public final CompletionStage<Void> ack(String entryId) {
        return enqueue(new Write(null, entryId, NO_ENVELOPE));
    }

    /**
     * Writes the replies of a batch and acknowledges its entries, completing each write's
     * {@link Write#done} (exceptionally for a write that failed), then the returned stage.
     */
    abstract CompletionStage<?> write(List<Write> batch);

    private CompletionStage<Void> enqueue(Write write) {
        List<Write> batch;
        synchronized (this) {
            waiting.add(write);
            batch = takeBatchIfIdle();
        }
        if (batch != null) {
            send(batch);
        }
        return write.done;
    }

    /** Guarded by {@code this}. */
    private List<Write> takeBatchIfIdle() {
        if (writing || waiting.isEmpty()) {
            return null;
        }
        writing = true;
        List<Write> batch = new ArrayList<>(waiting.subList(0, Math.min(MAX_BATCH, waiting.size())));
        waiting.subList(0, batch.size()).clear();
        return batch;
    }

    private void send(List<Write> batch) {
        CompletionStage<?> written;
        try {
            written = write(batch);
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.whenComplete((finished, error) -> {
            if (error != null) {
                batch.forEach(write -> write.done.completeExceptionally(error)); // those still open: a write that threw
            }
            List<Write> next;
            synchronized (this) {
                writing = false;
                next = takeBatchIfIdle();
            }
            if (next != null) {
                send(next);
            }
        });
    }

    /**
     * One write asked for.
     *
     * @param replyTo  the reply stream, {@code null} for an acknowledgement without a reply
     * @param entryId  the command stream entry to acknowledge
     * @param envelope the reply's envelope
     * @param done     completes once both are done
     */
    record Write(String replyTo, String entryId, byte[] envelope, CompletableFuture<Void> done) {
        Write(String replyTo, String entryId, byte[] envelope) {
            this(replyTo, entryId, envelope, new CompletableFuture<>());
        }
    }
}
