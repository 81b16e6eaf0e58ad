package io.clamator.transport.redis;

import io.clamator.internal.AsyncResults;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a pipeline's blocking read when it stops, so that stopping does not wait out the block
 * time: {@code CLIENT UNBLOCK} of the reading connection, sent on the command connection. It
 * needs the id Redis gives the reading connection ({@code CLIENT ID}), and a reconnected
 * connection (after a Redis restart, a failover or a killed client) has a new one, so the id is
 * learnt at start and again whenever the reader reads again after a failure. Without an id
 * (Redis refused {@code CLIENT ID}, or the cluster has no master for the stream's slot) the read
 * ends when its block time has passed; so it does while the id is being learnt again.
 */
final class ReadUnblocker {

    private static final Logger log = LoggerFactory.getLogger(ReadUnblocker.class);

    private final String service;
    private final String stream;
    private final TransportConnection<byte[]> readConnection;
    private final TransportConnection<byte[]> commandConnection;
    private volatile TransportConnection.BlockedRead blockedRead;

    ReadUnblocker(String service, String stream, TransportConnection<byte[]> readConnection, TransportConnection<byte[]> commandConnection) {
        this.service = service;
        this.stream = stream;
        this.readConnection = readConnection;
        this.commandConnection = commandConnection;
    }

    /** Learns the reading connection's id before the first read, waiting for it (at most the command timeout). */
    void learnAtStart() {
        try {
            AsyncResults.await(learn().toCompletableFuture(), "asking Redis for the id of the reading connection of " + service);
        } catch (RuntimeException e) {
            log.debug("service {}: CLIENT ID not available; stopping waits for the blocking read to time out", service, e);
        }
    }

    /**
     * Learns the reading connection's id again, without waiting: sent on that connection before
     * the reader's next read, it is answered before that read blocks.
     */
    void learnAgain() {
        blockedRead = null; // the connection may be a new one: no stale id meanwhile, nor after a failed learning
        learn().exceptionally(error -> {
            log.debug("service {}: CLIENT ID not available; stopping may wait for the blocking read to time out", service, error);
            return null;
        });
    }

    private CompletionStage<TransportConnection.BlockedRead> learn() {
        return readConnection.blockedReadOf(stream).thenApply(read -> {
            if (read == null) {
                log.debug("service {}: no master owns the slot of {}; stopping waits for the blocking read to time out", service, stream);
            }
            blockedRead = read;
            return read;
        });
    }

    /** Ends the blocking read under way, if Redis told which connection it is on. */
    void unblock() {
        TransportConnection.BlockedRead read = blockedRead;
        if (read == null) {
            return;
        }
        commandConnection.unblock(read).exceptionally(error -> {
            log.debug("service {}: CLIENT UNBLOCK {} failed; the reader stops when its blocking read times out", service, read.clientId(),
                    error);
            return null;
        });
    }
}
