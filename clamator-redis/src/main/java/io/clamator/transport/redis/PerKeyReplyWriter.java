package io.clamator.transport.redis;

import io.clamator.internal.AsyncResults;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@link ReplyWriter} of one service on a Redis Cluster whose key prefix has no hash tag, so
 * that its reply streams live on other nodes than its command stream: a batch first appends every
 * reply to its own stream, each on the node that owns it, and once those are answered acknowledges
 * (and deletes) in one command-stream step exactly the entries whose reply was written and those
 * that needed none. Between the two a reply can be written and its entry still pending; a server
 * that dies there leaves it to be reclaimed and answered again, which clients ignore.
 *
 * <p>A reply Redis refuses is reported per entry: {@link ReplyRefusedException} for the entry's
 * future, the entry left unacknowledged. A reply written whose acknowledgement failed is reported
 * as {@link UnacknowledgedReplyException}, so that it is not written again.
 */
final class PerKeyReplyWriter extends GroupCommitReplyWriter {

    private final PerKeyWrites writes;

    PerKeyReplyWriter(PerKeyWrites writes) {
        this.writes = writes;
    }

    @Override
    CompletionStage<?> write(List<Write> batch) {
        List<CompletableFuture<Void>> replies = new ArrayList<>(batch.size());
        for (Write write : batch) {
            replies.add(write.replyTo() == null ? CompletableFuture.completedFuture(null) : writes.appendReply(write.replyTo(), write.envelope()));
        }
        return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).handle((all, error) -> null)
                .thenCompose(answered -> acknowledgeWritten(batch, replies));
    }

    private CompletableFuture<?> acknowledgeWritten(List<Write> batch, List<CompletableFuture<Void>> replies) {
        List<Write> written = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Write write = batch.get(i);
            CompletableFuture<Void> reply = replies.get(i);
            if (!reply.isCompletedExceptionally()) {
                written.add(write);
                continue;
            }
            write.done().completeExceptionally(AsyncResults.unwrap(reply.handle((done, error) -> error).join()));
        }
        if (written.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return writes.acknowledge(written.stream().map(Write::entryId).toList()).whenComplete((acked, error) -> written.forEach(write -> {
            if (error == null) {
                write.done().complete(null);
            } else if (write.replyTo() != null) {
                write.done().completeExceptionally(new UnacknowledgedReplyException(AsyncResults.unwrap(error)));
            } else {
                write.done().completeExceptionally(error);
            }
        }));
    }
}
