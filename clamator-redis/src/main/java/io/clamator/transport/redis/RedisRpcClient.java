package io.clamator.transport.redis;

import io.clamator.client.ClientOptions;
import io.clamator.health.ClamatorHealth;
import io.clamator.internal.AsyncResults;
import io.clamator.transport.spi.AbstractRpcClient;
import io.clamator.transport.spi.OutgoingMessage;
import io.clamator.transport.spi.TransportTimer;
import io.clamator.transport.spi.UnconfirmedSendException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls services over Redis Streams, wire-compatible with the Python and TypeScript clamator
 * clients: requests go to {@code <prefix>:cmds:<service>} with a {@code reply-to} of this
 * client's own reply stream {@code <prefix>:replies:<instance id>}, read by a loop on a
 * connection of its own. One client serves any number of services under one key prefix.
 */
public final class RedisRpcClient extends AbstractRpcClient {

    private static final Logger log = LoggerFactory.getLogger(RedisRpcClient.class);
    private static final byte[] RPC = StreamKeys.RPC.getBytes(StandardCharsets.UTF_8);
    /** The time to live of reply streams by default, renewed by their live client. */
    public static final Duration DEFAULT_REPLY_STREAM_TTL = Duration.ofMinutes(5);
    /** How long stop waits for the reply stream to be emptied. */
    private static final Duration REPLY_STREAM_RELEASE = Duration.ofSeconds(2);

    private final String keyPrefix;
    private final String instanceId;
    private final String replyStream;
    private final byte[] replyStreamBytes;
    private final Duration blockTime;
    private final Duration replyStreamTtl;
    private final int replyReadCount;
    private final RedisConnector connector;
    private volatile TransportConnection<byte[]> commandConnection;
    private RedisClusterAsyncCommands<String, byte[]> commands;
    private ReplyListener replyListener;
    private TransportTimer timer;
    private ServiceGroupCheck groupCheck;
    private ReplyStreamLease lease;
    private ReplyTrimCheck trimCheck;

    private RedisRpcClient(Builder builder) {
        super(builder.options());
        this.keyPrefix = builder.requiredKeyPrefix();
        this.instanceId = builder.instanceIdOrRandom();
        this.replyStream = StreamKeys.replies(keyPrefix, instanceId);
        this.replyStreamBytes = replyStream.getBytes(StandardCharsets.UTF_8);
        this.blockTime = builder.blockTime;
        this.replyStreamTtl = builder.replyStreamTtl;
        this.replyReadCount = ReplyListener.readCount(builder.options().maxPayloadBytes());
        this.connector = builder.connector();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected String transportName() {
        return "redis";
    }

    @Override
    public String keyPrefix() {
        return keyPrefix;
    }

    public String instanceId() {
        return instanceId;
    }

    /** E.g. {@code Redis client 7f3c... of key prefix shop at redis://localhost:6379}. */
    @Override
    public String toString() {
        return "Redis client " + instanceId + " of key prefix " + keyPrefix + " at " + connector.describe();
    }

    /** The stream this client reads its replies from. */
    @Override
    public String replyStream() {
        return replyStream;
    }

    @Override
    protected void startTransport() {
        try {
            commandConnection = connector.connect();
            RedisCommandCheck check = new RedisCommandCheck(commandConnection.sync(), connector.describe());
            if (!connector.isCluster()) {
                check.verifyNotClusterNode(replyStream);
            }
            check.verifyClient(keyPrefix, replyStream);
            commands = commandConnection.async();
            timer = new LettuceTimer(connector.resources());
            groupCheck = new ServiceGroupCheck(keyPrefix, stream -> commands.xinfoGroups(stream));
            replyListener = new ReplyListener(connector.connectForBlockingReads(blockTime), replyStream, blockTime, replyReadCount, timer,
                    envelope -> {
                        DeliveringThreads.markCurrent();
                        deliverReply(envelope);
                    });
            lease = new ReplyStreamLease(commands, replyStream, replyStreamTtl, timer);
            trimCheck = new ReplyTrimCheck(commands, replyStream, replyListener::entriesRead);
            trimCheck.start();
        } catch (RuntimeException e) {
            if (replyListener != null) {
                replyListener.stop();
            }
            if (commandConnection != null) {
                commandConnection.close();
            }
            connector.release();
            throw e;
        }
        replyListener.start();
        lease.start();
    }

    @Override
    protected TransportTimer timer() {
        return timer;
    }

    /** The Lettuce threads that deliver replies, send results and timeouts: a blocking call there could hold up its own answer. */
    @Override
    protected boolean isTransportThread() {
        return DeliveringThreads.isCurrent();
    }

    /** {@code UP} while the command connection is open and the reply loop reads; {@code DOWN}, naming which, otherwise. */
    @Override
    protected ClamatorHealth transportHealth() {
        String replies = replyListener.problem();
        Map<String, ClamatorHealth> parts = new LinkedHashMap<>();
        parts.put("command connection", RedisConnector.health(commandConnection));
        parts.put("reply loop", replies == null ? ClamatorHealth.up(Map.of("reply stream", replyStream))
                : ClamatorHealth.down(Map.of("reply stream", replyStream, "problem", replies)));
        return ClamatorHealth.combine(parts);
    }

    @Override
    protected void releaseUnstarted() {
        connector.release();
    }

    @Override
    protected void stopTransport() {
        lease.stop();
        replyListener.stop();
        // Emptied and left to expire rather than deleted: a late reply from a server that gives reply streams
        // no time to live (the Python and TypeScript ones) then lands in a key that still expires.
        CompletableFuture<Long> emptied = commands.xtrim(replyStream, 0).toCompletableFuture();
        CompletableFuture<Boolean> expiring = commands.pexpire(replyStream, replyStreamTtl).toCompletableFuture();
        try {
            CompletableFuture.allOf(emptied, expiring).get(REPLY_STREAM_RELEASE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            log.debug("could not empty reply stream {} at stop", replyStream, e);
        }
        commandConnection.close();
        connector.release();
    }

    @Override
    protected String unansweredHint(String service) {
        String replies = replyListener.problem();
        String readingReplies = replies == null ? "" : "this client cannot read its replies from " + replyStream + ": " + replies + "; ";
        trimCheck.check();
        String trimmed = trimCheck.hint();
        return readingReplies + groupCheck.hint(service) + (trimmed == null ? "" : "; " + trimmed);
    }

    @Override
    protected CompletableFuture<Void> send(OutgoingMessage message) {
        String stream = StreamKeys.commands(keyPrefix, message.service());
        if (message.expectsReply()) {
            groupCheck.checkOnce(message.service());
        }
        Object[] fields = message.expectsReply()
                ? new Object[] {StreamKeys.TYPE, RPC, StreamKeys.ENVELOPE, message.envelope(), StreamKeys.REPLY_TO, replyStreamBytes,
                        StreamKeys.TIMEOUT_MS, Long.toString(message.timeout().toMillis()).getBytes(StandardCharsets.US_ASCII)}
                : new Object[] {StreamKeys.TYPE, RPC, StreamKeys.ENVELOPE, message.envelope()};
        Thread sender = Thread.currentThread();
        return commands.xadd(stream, withContextFields(fields, message.fields())).toCompletableFuture().handle((id, error) -> {
            if (Thread.currentThread() != sender) {
                DeliveringThreads.markCurrent(); // the command connection's thread: a blocking call there would hold up its own send
            }
            if (error == null) {
                return null;
            }
            Throwable cause = AsyncResults.unwrap(error);
            if (cause instanceof RedisCommandTimeoutException) { // the XADD stays queued: a Redis that answers again still runs it
                throw new CompletionException(new UnconfirmedSendException("Redis did not confirm adding the request to " + stream
                        + " within the command timeout and may still add it", cause));
            }
            throw error instanceof CompletionException completion ? completion : new CompletionException(error);
        });
    }

    /** The wire's fields, then the context fields (a trace context) that are not named like one of them. */
    private static Object[] withContextFields(Object[] wireFields, Map<String, String> context) {
        if (context.isEmpty()) {
            return wireFields;
        }
        List<Object> fields = new ArrayList<>(List.of(wireFields));
        context.forEach((name, value) -> {
            if (!StreamKeys.isWireField(name)) {
                fields.add(name);
                fields.add(value.getBytes(StandardCharsets.UTF_8));
            }
        });
        return fields.toArray();
    }

    /** Builds a {@link RedisRpcClient}; only the key prefix is required. */
    public static final class Builder extends RedisTransportBuilder<Builder> {

        private ClientOptions options = ClientOptions.defaults();
        private Duration defaultTimeout;
        private Duration blockTime = Duration.ofSeconds(1);
        private Duration replyStreamTtl = DEFAULT_REPLY_STREAM_TTL;

        private Builder() {
        }

        /** JSON mapping and default timeout. */
        public Builder options(ClientOptions options) {
            this.options = options;
            return this;
        }

        /** How long a call waits for its reply unless the method or call says otherwise; default 30 s. */
        public Builder defaultTimeout(Duration timeout) {
            requirePositive("defaultTimeout", timeout);
            this.defaultTimeout = timeout;
            return this;
        }

        /** How long one read of the reply stream blocks; default 1 s. */
        public Builder blockTime(Duration blockTime) {
            requirePositive("blockTime", blockTime);
            this.blockTime = blockTime;
            return this;
        }

        /**
         * The time to live this client renews on its reply stream while it runs (every third of
         * it); default 5 minutes. Servers give the streams they write to the same (their own
         * setting), so the stream of a client that crashed disappears by itself.
         */
        public Builder replyStreamTtl(Duration timeToLive) {
            requirePositive("replyStreamTtl", timeToLive);
            this.replyStreamTtl = timeToLive;
            return this;
        }

        private ClientOptions options() {
            return defaultTimeout != null ? options.withDefaultTimeout(defaultTimeout) : options;
        }

        public RedisRpcClient build() {
            return new RedisRpcClient(this);
        }
    }
}
