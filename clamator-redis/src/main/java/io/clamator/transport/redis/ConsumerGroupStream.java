package io.clamator.transport.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.PendingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One server's view of a service's command stream on Lettuce: its blocking reads on a connection
 * of their own, group creation and reclaiming on the shared command connection. The consumer is
 * {@code <service>:<instance id>} in the group {@code <service>}.
 */
final class ConsumerGroupStream implements StreamReader.EntrySource, Reclaimer.ClaimSource, ClaimKeeper.KeepSource,
        DeliveryLimit.CountSource {

    /**
     * KEYS: the command stream. ARGV: group, consumer, then entry ids. Resets the idle time of
     * each entry still pending to the consumer, without counting a delivery; returns how many.
     */
    private static final String KEEP_CLAIMED = """
            local group, consumer, kept = ARGV[1], ARGV[2], 0
            for i = 3, #ARGV do
              local pending = redis.call('XPENDING', KEYS[1], group, ARGV[i], ARGV[i], 1, consumer)
              if #pending > 0 then
                redis.call('XCLAIM', KEYS[1], group, consumer, 0, ARGV[i], 'JUSTID')
                kept = kept + 1
              end
            end
            return kept
            """;

    /**
     * A Lua function scripts start with: {@code claim_or_acknowledge(group, consumer, id, entries)}
     * delivers the entry to the consumer ({@code XCLAIM ... 0}, one more delivery) and appends it
     * to {@code entries}; one no longer in the stream (deleted or trimmed by hand) is acknowledged,
     * since Redis 6.2 would keep it pending. Returns whether the entry was still there.
     */
    private static final String CLAIM_OR_ACKNOWLEDGE_FUNCTION = """
            local function claim_or_acknowledge(group, consumer, id, entries)
              local entry = redis.call('XCLAIM', KEYS[1], group, consumer, 0, id)[1]
              if entry then
                entries[#entries + 1] = entry
                return true
              end
              redis.call('XACK', KEYS[1], group, id)
              return false
            end
            """;

    /**
     * KEYS: the command stream. ARGV: group, consumer, then entry ids. Delivers each entry still
     * pending to the consumer to it once more ({@code XCLAIM ... 0}); returns those entries, in
     * the order given, leaving out the ones no longer pending to it. One pending but no longer in
     * the stream (deleted or trimmed by hand) is acknowledged: Redis 6.2 would keep it pending.
     */
    private static final String REDELIVER_OWN = CLAIM_OR_ACKNOWLEDGE_FUNCTION + """
            local group, consumer, entries = ARGV[1], ARGV[2], {}
            for i = 3, #ARGV do
              local pending = redis.call('XPENDING', KEYS[1], group, ARGV[i], ARGV[i], 1, consumer)
              if #pending > 0 then
                claim_or_acknowledge(group, consumer, ARGV[i], entries)
              end
            end
            return entries
            """;

    /**
     * KEYS: the command stream. ARGV: group, consumer, least idle time in ms, cursor, count, and
     * the latest moment (Redis's clock, ms) at which the claim may run, 0 for any. Run later than
     * that moment, claims nothing and answers {@code ['late', TIME]}. Otherwise claims the ids
     * ({@code XAUTOCLAIM ... JUSTID}, which counts no delivery) and then each entry
     * ({@code XCLAIM ... 0}, which counts one), acknowledging those no longer in the stream (Redis
     * 6.2 keeps them pending), and answers {@code [cursor, entries, how many were no longer in the
     * stream, TIME or nothing]}.
     */
    private static final String CLAIM_IN_TIME = CLAIM_OR_ACKNOWLEDGE_FUNCTION + """
            local group, consumer, latest, now = ARGV[1], ARGV[2], tonumber(ARGV[6]), {}
            if latest > 0 then
              now = redis.call('TIME')
              if tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) > latest then
                return {'late', now}
              end
            end
            local claimed = redis.call('XAUTOCLAIM', KEYS[1], group, consumer, ARGV[3], ARGV[4], 'COUNT', ARGV[5], 'JUSTID')
            local entries, gone = {}, #(claimed[3] or {})
            for _, id in ipairs(claimed[2]) do
              if not claim_or_acknowledge(group, consumer, id, entries) then
                gone = gone + 1
              end
            end
            return {claimed[1], entries, gone, now}
            """;

    /** {@code XGROUP CREATE ... MKSTREAM}: the stream is created with the group if it does not exist. */
    private static final XGroupCreateArgs CREATE_WITH_STREAM = new XGroupCreateArgs().mkstream(true);

    private final RedisClusterAsyncCommands<String, byte[]> reader;
    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final String stream;
    private final String group;
    private final Consumer<String> consumer;
    private final Duration blockTime;
    private final LuaScript keepClaimed;
    private final LuaScript redeliverOwn;
    private final LuaScript claimInTime;
    private final RedisClock clock;

    /** @param clock the clock of the Redis node that holds the stream ({@link StreamKeys#commands}) */
    ConsumerGroupStream(RedisClusterAsyncCommands<String, byte[]> reader, RedisClusterAsyncCommands<String, byte[]> commands, String keyPrefix,
                        String service, String instanceId, Duration blockTime, RedisClock clock) {
        this.reader = reader;
        this.commands = commands;
        this.stream = StreamKeys.commands(keyPrefix, service);
        this.group = service;
        this.consumer = Consumer.from(group, StreamKeys.consumer(service, instanceId));
        this.blockTime = blockTime;
        this.keepClaimed = new LuaScript(commands, KEEP_CLAIMED, ScriptOutputType.INTEGER);
        this.redeliverOwn = new LuaScript(commands, REDELIVER_OWN, ScriptOutputType.MULTI);
        this.claimInTime = new LuaScript(commands, CLAIM_IN_TIME, ScriptOutputType.MULTI);
        this.clock = clock;
    }

    @Override
    public CompletionStage<List<StreamMessage<String, byte[]>>> readNew(int count) {
        return reader.xreadgroup(consumer, XReadArgs.Builder.block(blockTime).count(count), XReadArgs.StreamOffset.lastConsumed(stream));
    }

    /** {@code XPENDING <stream> <group> (<after> + <count> <consumer>}. */
    @Override
    public CompletionStage<List<String>> listOwnPending(String after, int count) {
        return reader.xpending(stream, consumer, Range.from(Range.Boundary.excluding(after), Range.Boundary.unbounded()), Limit.from(count))
                .thenApply(pending -> pending.stream().map(PendingMessage::getId).toList());
    }

    /**
     * {@code XCLAIM <stream> <group> <consumer> 0 <id>} for each entry still pending to this
     * consumer, checked in the same script: one that another server has taken over since it was
     * listed stays with that server. The entries stay with this consumer, one more delivery each.
     */
    @Override
    public CompletionStage<List<StreamMessage<String, byte[]>>> redeliverOwn(List<String> entryIds) {
        CompletionStage<List<Object>> redelivered = redeliverOwn.evaluate(reader, new String[] {stream}, groupAndConsumerThen(entryIds));
        return redelivered.thenApply(this::entries);
    }

    /**
     * {@code XGROUP CREATE <stream> <service> $ MKSTREAM}, at start: a new group sees only what is
     * added from now on; an existing group keeps its position.
     */
    CompletionStage<?> createGroup() {
        return createGroupAt(XReadArgs.StreamOffset.latest(stream));
    }

    /**
     * {@code XGROUP CREATE <stream> <service> 0 MKSTREAM}, once the group has gone: it goes only
     * with its stream (a Redis restarted without persistence, a deleted key), so whatever the
     * stream holds now was added since and waits for an answer.
     */
    @Override
    public CompletionStage<?> recreateGroup() {
        return createGroupAt(XReadArgs.StreamOffset.from(stream, "0"));
    }

    private CompletionStage<?> createGroupAt(XReadArgs.StreamOffset<String> position) {
        return commands.xgroupCreate(position, group, CREATE_WITH_STREAM)
                .handle((created, error) -> error == null || RedisErrorKind.of(error) == RedisErrorKind.GROUP_EXISTS
                        ? CompletableFuture.completedFuture(created)
                        : CompletableFuture.<String>failedFuture(error))
                .thenCompose(outcome -> outcome);
    }

    /**
     * {@code XAUTOCLAIM <stream> <group> <consumer> <min idle> <cursor> COUNT <count> JUSTID}, then
     * {@code XCLAIM} of each entry (see {@link #CLAIM_IN_TIME}), in a script that first compares
     * Redis's {@code TIME} with this server's estimate of it plus
     * {@code runWithin} (and the round trip the estimate rests on, up to {@code runWithin} more),
     * and claims nothing when it runs later (a claim sent to a Redis that froze and ran it on
     * resuming). The {@code TIME} a claim read is {@linkplain RedisClock#observe observed} by the
     * clock, which so corrects an estimate that was what made a claim late. While the clock has
     * not been read, claims run whenever Redis runs them.
     */
    @Override
    public CompletionStage<Reclaimer.Claim> claim(String cursor, int count, Duration minIdle, Duration runWithin) {
        long allowedMillis = Math.max(1, runWithin.toMillis());
        long latest = clock.isMeasured() ? clock.getAsLong() + allowedMillis + Math.min(clock.roundTripMillis(), allowedMillis) : 0;
        long sentNanos = System.nanoTime();
        CompletionStage<List<Object>> claimed = claimInTime.evaluate(commands, new String[] {stream}, new byte[][] {
                bytes(group), bytes(consumer.getName()), bytes(Long.toString(minIdle.toMillis())), bytes(cursor),
                bytes(Integer.toString(count)), bytes(Long.toString(latest))});
        return claimed.thenApply(answer -> {
            List<?> time = (List<?>) answer.get(answer.size() - 1);
            if (time.size() == 2) {
                clock.observe(RedisClock.redisMillis(time), sentNanos, System.nanoTime());
            }
            if (answer.size() == 2) {
                return Reclaimer.Claim.RAN_LATE;
            }
            return new Reclaimer.Claim(text(answer.get(0)), entries((List<?>) answer.get(1)), (Long) answer.get(2), false);
        });
    }

    /** Entries as {@code XCLAIM} and {@code XAUTOCLAIM} answer them, {@code [id, [field, value, ...]]} each; Redis 6.2 answers nil for an entry deleted meanwhile. */
    private List<StreamMessage<String, byte[]>> entries(List<?> answer) {
        List<StreamMessage<String, byte[]>> entries = new ArrayList<>(answer.size());
        for (Object each : answer) {
            if (each instanceof List<?> entry && entry.size() == 2 && entry.get(1) instanceof List<?> flat) {
                Map<String, byte[]> body = new LinkedHashMap<>();
                for (int i = 0; i + 1 < flat.size(); i += 2) {
                    body.put(text(flat.get(i)), (byte[]) flat.get(i + 1));
                }
                entries.add(new StreamMessage<>(stream, text(entry.get(0)), body));
            }
        }
        return entries;
    }

    private static String text(Object bulk) {
        return new String((byte[]) bulk, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CompletionStage<Long> keepClaimed(List<String> entryIds) {
        return keepClaimed.evaluate(commands, new String[] {stream}, groupAndConsumerThen(entryIds));
    }

    private byte[][] groupAndConsumerThen(List<String> entryIds) {
        byte[][] args = new byte[2 + entryIds.size()][];
        args[0] = bytes(group);
        args[1] = bytes(consumer.getName());
        for (int i = 0; i < entryIds.size(); i++) {
            args[2 + i] = bytes(entryIds.get(i));
        }
        return args;
    }

    /**
     * {@code XPENDING <stream> <group> <id> <id> 1 <consumer>} for each entry (a batch is at most a
     * read or a claim, and Lettuce sends the commands together): the delivery counts of those
     * pending to this consumer.
     */
    @Override
    public CompletionStage<Map<String, Long>> deliveryCounts(List<String> entryIds) {
        List<CompletableFuture<List<PendingMessage>>> lookups = entryIds.stream()
                .map(id -> commands.xpending(stream, consumer, Range.create(id, id), Limit.from(1)).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(all -> {
            Map<String, Long> counts = new HashMap<>();
            lookups.forEach(lookup -> lookup.join().forEach(entry -> counts.put(entry.getId(), entry.getRedeliveryCount())));
            return counts;
        });
    }

    String consumerName() {
        return consumer.getName();
    }

    String stream() {
        return stream;
    }
}
