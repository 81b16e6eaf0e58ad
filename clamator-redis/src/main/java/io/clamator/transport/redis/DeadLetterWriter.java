package io.clamator.transport.redis;

import io.clamator.metrics.ServiceMeters;
import io.clamator.json.ClamatorJson;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.EnvelopeCodec;
import io.clamator.protocol.ErrorCodes;
import io.clamator.internal.AsyncResults;
import io.clamator.transport.spi.CallDecoder;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moves an entry past the delivery limit to the key prefix's dead-letter stream
 * ({@code <prefix>:dead-letters}), in one script with its acknowledgement (and deletion) where the
 * key prefix's keys live together, else key by key in that order (dead letter, reply,
 * acknowledgement: a server that dies in between, or an acknowledgement that fails, leaves the
 * entry pending, to be moved again, so that it can stand twice in the dead letters), and
 * answers its caller with {@code -32603 Delivery limit exceeded}, so the caller learns at once
 * instead of waiting for its timeout. The dead letter keeps what is needed to look at it and to
 * replay it: service, entry id, envelope, reply-to, delivery count, the consumer that gave up on
 * it, and the reason.
 */
final class DeadLetterWriter implements DeliveryLimit.DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterWriter.class);
    static final String REASON = "delivery limit exceeded";

    /**
     * KEYS: command stream, dead-letter stream, then the reply stream if there is one (a reply Redis
     * refuses does not stop the move: the entry is acknowledged all the same). ARGV: group,
     * entry id, delete ("1"/"0"), dead-letter max length, service, envelope, reply-to, deliveries,
     * consumer, reason, reply envelope, reply max length, reply time to live in ms.
     */
    private static final String MOVE = """
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], '*', 'service', ARGV[5], 'entry', ARGV[2], 'envelope', ARGV[6],
              'reply-to', ARGV[7], 'deliveries', ARGV[8], 'consumer', ARGV[9], 'reason', ARGV[10])
            if #KEYS > 2 then
              local written = redis.pcall('XADD', KEYS[3], 'MAXLEN', '~', ARGV[12], '*', 'type', 'rpc', 'envelope', ARGV[11])
              if not (type(written) == 'table' and written.err) then
                redis.call('PEXPIRE', KEYS[3], ARGV[13])
              end
            end
            redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
            if ARGV[3] == '1' then
              redis.call('XDEL', KEYS[1], ARGV[2])
            end
            return 1
            """;

    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final PerKeyWrites writes;
    private final LuaScript move;
    private final String service;
    private final String commandStream;
    private final String deadLetterStream;
    private final String replyPrefix;
    private final String consumer;
    private final RedisServerSettings settings;
    private final CallDecoder decoder;
    private final EnvelopeCodec codec;
    private final ClamatorJson json;
    private final ServiceMeters meters;

    /**
     * @param writes the key-by-key writes, or {@code null} when the key prefix's keys live together
     *               and one script moves an entry
     */
    DeadLetterWriter(RedisClusterAsyncCommands<String, byte[]> commands, PerKeyWrites writes, String service, String commandStream,
                     String consumer, RedisServerSettings settings, CallDecoder decoder, EnvelopeCodec codec, ClamatorJson json,
                     ServiceMeters meters) {
        this.commands = commands;
        this.writes = writes;
        this.move = new LuaScript(commands, MOVE, ScriptOutputType.INTEGER);
        this.service = service;
        this.commandStream = commandStream;
        this.deadLetterStream = StreamKeys.deadLetters(settings.keyPrefix());
        this.replyPrefix = StreamKeys.repliesPrefix(settings.keyPrefix());
        this.consumer = consumer;
        this.settings = settings;
        this.decoder = decoder;
        this.codec = codec;
        this.json = json;
        this.meters = meters;
    }

    @Override
    public CompletionStage<?> deadLetter(StreamMessage<String, byte[]> entry, long deliveries) {
        byte[] envelope = entry.getBody().getOrDefault(StreamKeys.ENVELOPE, new byte[0]);
        byte[] replyToField = entry.getBody().get(StreamKeys.REPLY_TO);
        String replyTo = replyToField == null ? "" : new String(replyToField, StandardCharsets.UTF_8);
        byte[] reply = replyTo.startsWith(replyPrefix) ? errorReply(envelope, deliveries) : null;
        CompletionStage<?> moved = writes == null ? moveInOneStep(entry, envelope, replyTo, reply, deliveries)
                : moveKeyByKey(entry, envelope, replyTo, reply, deliveries);
        return moved.whenComplete((done, error) -> {
            if (error == null) {
                meters.deadLettered();
                log.warn("service {}: entry {} was delivered {} times, more than the limit of {}; it is moved to {}{}", service,
                        entry.getId(), deliveries, settings.maxDeliveries(), deadLetterStream,
                        reply == null ? "" : " and its caller answered " + ErrorCodes.INTERNAL_ERROR + " " + ErrorCodes.DELIVERY_LIMIT_EXCEEDED_MESSAGE);
            } else {
                log.error("service {}: entry {} past the delivery limit could not be moved to {}; it stays pending", service,
                        entry.getId(), deadLetterStream, error);
            }
        });
    }

    private CompletionStage<?> moveInOneStep(StreamMessage<String, byte[]> entry, byte[] envelope, String replyTo, byte[] reply,
                                             long deliveries) {
        List<String> keys = new ArrayList<>(List.of(commandStream, deadLetterStream));
        if (reply != null) {
            keys.add(replyTo);
        }
        byte[][] args = {
            bytes(service), bytes(entry.getId()), bytes(settings.keepHandledEntries() ? "0" : "1"),
            bytes(Long.toString(RedisDeadLetters.MAX_LENGTH)), bytes(service), envelope, bytes(replyTo),
            bytes(Long.toString(deliveries)), bytes(consumer), bytes(REASON), reply == null ? new byte[0] : reply,
            bytes(Long.toString(settings.replyStreamMaxLen())), bytes(Long.toString(settings.replyStreamTtl().toMillis()))
        };
        return move.evaluate(commands, keys.toArray(String[]::new), args);
    }

    private CompletionStage<?> moveKeyByKey(StreamMessage<String, byte[]> entry, byte[] envelope, String replyTo, byte[] reply,
                                            long deliveries) {
        return commands.xadd(deadLetterStream, XAddArgs.Builder.maxlen(RedisDeadLetters.MAX_LENGTH).approximateTrimming(),
                        "service", bytes(service), "entry", bytes(entry.getId()), StreamKeys.ENVELOPE, envelope, StreamKeys.REPLY_TO, bytes(replyTo),
                        "deliveries", bytes(Long.toString(deliveries)), "consumer", bytes(consumer), "reason", bytes(REASON))
                .thenCompose(stored -> reply == null ? CompletableFuture.completedFuture(null)
                        : writes.appendReply(replyTo, reply).exceptionallyCompose(error -> unanswerable(entry, replyTo, error)))
                .thenCompose(answered -> writes.acknowledge(List.of(entry.getId())));
    }

    /**
     * A reply Redis refuses for good (its key holds another type, say) is given up, so that the
     * entry is acknowledged and not moved again on every reclaim; a passing refusal fails the move.
     */
    private CompletionStage<Void> unanswerable(StreamMessage<String, byte[]> entry, String replyTo, Throwable error) {
        Throwable cause = AsyncResults.unwrap(error);
        if (!(cause instanceof ReplyWriter.ReplyRefusedException refused) || refused.kind().isPassing()) {
            return CompletableFuture.failedFuture(cause);
        }
        log.warn("service {}: the caller of dead letter {} could not be answered on {} ({})", service, entry.getId(), replyTo,
                refused.getMessage());
        return CompletableFuture.completedFuture(null);
    }

    /** The error reply for the entry's caller, or {@code null} when the entry is no readable request. */
    private byte[] errorReply(byte[] envelope, long deliveries) {
        try {
            if (decoder.decode(envelope) instanceof Envelope.Request request) {
                ObjectNode data = json.objectNode();
                data.put("name", "DeliveryLimitExceeded");
                data.put("deliveries", deliveries);
                return codec.encodeToBytes(new Envelope.Error(request.id(), ErrorCodes.INTERNAL_ERROR,
                        ErrorCodes.DELIVERY_LIMIT_EXCEEDED_MESSAGE, data));
            }
        } catch (ClamatorProtocolException e) {
            log.debug("service {}: the envelope of a dead letter cannot be read: {}", service, e.getMessage());
        }
        return null;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
