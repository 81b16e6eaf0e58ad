package io.clamator.transport.redis;

import java.util.concurrent.CompletionStage;

/**
 * Writes a service's replies to their reply streams and acknowledges the entries they answer, the
 * acknowledgement only once the reply is written. Writes are sent in the order they are asked
 * for, so replies handed over in stream order leave in stream order.
 */
interface ReplyWriter {

    /**
     * Writes a reply, then acknowledges its entry. Once this returns, later writes queue behind it.
     *
     * @return completes once both are done; fails with {@link ReplyRefusedException} when Redis
     *         refused this one reply, or with the command's failure
     */
    CompletionStage<Void> replyAndAck(String replyTo, String entryId, byte[] envelope);

    /** Acknowledges an entry that gets no reply. */
    CompletionStage<Void> ack(String entryId);

    /**
     * The reply was written but its entry's acknowledgement failed (its cause): writing the reply
     * again would answer the call twice; acknowledging is what is left to do.
     */
    final class UnacknowledgedReplyException extends RuntimeException {

        UnacknowledgedReplyException(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Redis refused to write one reply (the key holds another type, out of memory, ...). */
    final class ReplyRefusedException extends RuntimeException {

        private final RedisErrorKind kind;

        ReplyRefusedException(String redisError) {
            super(redisError, null, false, false);
            this.kind = RedisErrorKind.ofReply(redisError);
        }

        RedisErrorKind kind() {
            return kind;
        }
    }
}
