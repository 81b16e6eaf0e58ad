package io.clamator.transport.redis;

import io.clamator.metrics.ServiceMeters;
import io.clamator.internal.AsyncResults;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.EnvelopeCodec;
import io.clamator.protocol.Names;
import io.clamator.server.ServiceDefinition;
import io.clamator.transport.spi.CallDecoder;
import io.clamator.transport.spi.EntryScheduler;
import io.clamator.transport.spi.OversizedCallException;
import io.clamator.transport.spi.RateLimitedLog;
import io.clamator.transport.spi.TimeLimitedDispatch;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Handles one entry of a service's command stream, in this order: an entry without an envelope,
 * or with one that is not a valid call, is poison (acknowledged, logged at WARN, at most 20 lines
 * a minute, never answered); a request over the payload limit is answered, unread, with {@code -32600} (see {@link OversizedCallException});
 * a {@code reply-to} outside {@code <prefix>:replies:} is not written to; a call whose caller
 * stopped waiting (see {@link CallDeadlines}) is acknowledged without running; the call is
 * dispatched; its reply is written and its entry acknowledged (a notification's entry is
 * only acknowledged). The handler's slot is released once that write has been handed to the
 * {@link ReplyWriter}. A reply Redis refuses for good is given up (the entry acknowledged without
 * it); one refused for a passing reason, or a failed write, is written again while that is of use
 * ({@link ReplyRetries}), and then leaves the entry pending for redelivery. After the server
 * abandoned its handlers, nothing is written: the entry stays pending.
 */
final class RedisEntryHandler implements EntryScheduler.Handler<StreamMessage<String, byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(RedisEntryHandler.class);
    private static final int LINES_PER_MINUTE = 20;

    private final ServiceDefinition service;
    private final String replyPrefix;
    private final CallDecoder decoder;
    private final TimeLimitedDispatch dispatcher;
    private final EnvelopeCodec codec;
    private final ReplyWriter writer;
    private final RateLimitedLog drops = new RateLimitedLog(log, Level.WARN, LINES_PER_MINUTE);
    private final RateLimitedLog skips = new RateLimitedLog(log, Level.INFO, LINES_PER_MINUTE);
    private final CallDeadlines deadlines;
    private final ReplyRetries retries;
    private final ServiceMeters meters;

    RedisEntryHandler(ServiceDefinition service, String keyPrefix, CallDecoder decoder, TimeLimitedDispatch dispatcher,
                      EnvelopeCodec codec, ReplyWriter writer, CallDeadlines deadlines, ReplyRetries retries,
                      ServiceMeters meters) {
        this.service = service;
        this.replyPrefix = StreamKeys.repliesPrefix(keyPrefix);
        this.decoder = decoder;
        this.dispatcher = dispatcher;
        this.codec = codec;
        this.writer = writer;
        this.deadlines = deadlines;
        this.retries = retries;
        this.meters = meters;
    }

    @Override
    public CompletionStage<Void> handle(StreamMessage<String, byte[]> entry, EntryScheduler.Run run) {
        byte[] envelope = entry.getBody().get(StreamKeys.ENVELOPE);
        if (envelope == null) {
            return rejectPoison(entry, run, "no " + StreamKeys.ENVELOPE + " field");
        }
        Envelope.Call call;
        try {
            call = decoder.decode(envelope);
        } catch (OversizedCallException e) {
            drops.log("redis poison envelope: service={} entry={}: {}", service.name(), entry.getId(), e.getMessage());
            return answer(entry, run, replyTo(entry), e.errorReply());
        } catch (ClamatorProtocolException e) {
            return rejectPoison(entry, run, e.getMessage());
        }
        long overdue = deadlines.overdueMillis(entry);
        if (overdue > 0) {
            return skipGivenUp(entry, run, call, overdue);
        }
        String replyTo = replyTo(entry);
        return dispatcher.dispatch(service, call, () -> contextFields(entry), run, response -> answer(entry, run, replyTo, response));
    }

    /** The fields beside the wire's own (a trace context a Java client sent), for the call's observation. */
    private static Map<String, String> contextFields(StreamMessage<String, byte[]> entry) {
        Map<String, String> fields = new HashMap<>();
        entry.getBody().forEach((name, value) -> {
            if (!StreamKeys.isWireField(name)) {
                fields.put(name, new String(value, StandardCharsets.UTF_8));
            }
        });
        return fields;
    }

    private CompletionStage<Void> answer(StreamMessage<String, byte[]> entry, EntryScheduler.Run run, String replyTo,
                                         Envelope.Response response) {
        if (run.isAbandoned()) {
            run.releaseSlot();
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<Void> write;
        if (response == null || replyTo == null) {
            write = retries.untilWritten(entry, run, () -> writer.ack(entry.getId()));
        } else {
            byte[] reply = codec.encodeToBytes(response);
            AtomicBoolean replied = new AtomicBoolean(); // a retry after a written reply only acknowledges
            write = retries.untilWritten(entry, run, () -> replied.get() ? writer.ack(entry.getId())
                    : writer.replyAndAck(replyTo, entry.getId(), reply).exceptionallyCompose(error -> {
                        if (AsyncResults.unwrap(error) instanceof ReplyWriter.UnacknowledgedReplyException unacknowledged) {
                            replied.set(true);
                            return CompletableFuture.failedFuture(unacknowledged.getCause());
                        }
                        return ackUnanswerable(entry, replyTo, error);
                    }));
        }
        run.releaseSlot();
        return reportFailure(entry, write);
    }

    /**
     * A reply Redis refuses for good (the key holds another type, say) would fail again on every
     * redelivery: the entry is acknowledged without a reply. A passing refusal (out of memory)
     * fails the attempt, for {@link ReplyRetries} to try again.
     */
    private CompletionStage<Void> ackUnanswerable(StreamMessage<String, byte[]> entry, String replyTo, Throwable error) {
        meters.replyWriteFailed();
        Throwable cause = AsyncResults.unwrap(error);
        if (!(cause instanceof ReplyWriter.ReplyRefusedException refused) || refused.kind().isPassing()) {
            return CompletableFuture.failedFuture(cause);
        }
        log.warn("service {}: the reply to entry {} could not be written to {} ({}); the entry is acknowledged without a reply",
                service.name(), entry.getId(), replyTo, refused.getMessage());
        return writer.ack(entry.getId());
    }

    /** The caller stopped waiting before the call could start: it is acknowledged and not run. */
    private CompletionStage<Void> skipGivenUp(StreamMessage<String, byte[]> entry, EntryScheduler.Run run, Envelope.Call call,
                                              long overdueMillis) {
        skips.log("service {}: call {} id={} (entry {}) not run: its caller stopped waiting {} ms before it could start",
                service.name(), Names.qualified(service.name(), call.method()), call.id(), entry.getId(), overdueMillis);
        CompletionStage<Void> ack = writer.ack(entry.getId());
        run.releaseSlot();
        return reportFailure(entry, ack);
    }

    private CompletionStage<Void> rejectPoison(StreamMessage<String, byte[]> entry, EntryScheduler.Run run, String reason) {
        drops.log("redis poison envelope: service={} entry={}: {}", service.name(), entry.getId(), reason);
        meters.poison();
        CompletionStage<Void> ack = writer.ack(entry.getId());
        run.releaseSlot();
        return reportFailure(entry, ack);
    }

    private CompletionStage<Void> reportFailure(StreamMessage<String, byte[]> entry, CompletionStage<Void> write) {
        return write.whenComplete((done, error) -> {
            if (error == null) {
                return;
            }
            if (AsyncResults.unwrap(error) instanceof RedisCommandTimeoutException) {
                // the command stays queued: a Redis that comes back still runs it
                log.error("service {}: Redis did not answer the acknowledgement of entry {} in time; unless it runs it when it"
                        + " answers again, the entry stays pending and will be redelivered", service.name(), entry.getId(), error);
            } else {
                log.error("service {}: entry {} was not acknowledged; it stays pending and will be redelivered",
                        service.name(), entry.getId(), error);
            }
        });
    }

    /** The entry's reply stream, if it names one under this server's key prefix. */
    private String replyTo(StreamMessage<String, byte[]> entry) {
        byte[] value = entry.getBody().get(StreamKeys.REPLY_TO);
        if (value == null || value.length == 0) {
            return null;
        }
        String replyTo = new String(value, StandardCharsets.UTF_8);
        if (!replyTo.startsWith(replyPrefix)) {
            drops.log("service {}: entry {} names reply stream \"{}\" outside {}*; no reply is written",
                    service.name(), entry.getId(), replyTo, replyPrefix);
            return null;
        }
        return replyTo;
    }
}
