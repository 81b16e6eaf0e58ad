package io.clamator.transport.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
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

    /** {@code XGROUP CREATE ... MKSTREAM}: the stream is created with the group if it does not exist. */
    private static final XGroupCreateArgs CREATE_WITH_STREAM = new XGroupCreateArgs().mkstream(true);

    private final RedisClusterAsyncCommands<String, byte[]> reader;
    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final String stream;
    private final String group;
    private final Consumer<String> consumer;
    private final Duration blockTime;
    private final LuaScript keepClaimed;

    ConsumerGroupStream(RedisClusterAsyncCommands<String, byte[]> reader, RedisClusterAsyncCommands<String, byte[]> commands, String keyPrefix,
                        String service, String instanceId, Duration blockTime) {
        this.reader = reader;
        this.commands = commands;
        this.stream = StreamKeys.commands(keyPrefix, service);
        this.group = service;
        this.consumer = Consumer.from(group, StreamKeys.consumer(service, instanceId));
        this.blockTime = blockTime;
        this.keepClaimed = new LuaScript(commands, KEEP_CLAIMED, ScriptOutputType.INTEGER);
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

    /** {@code XCLAIM <stream> <group> <consumer> 0 <id>...}: the entries stay with this consumer, one more delivery each. */
    @Override
    public CompletionStage<List<StreamMessage<String, byte[]>>> redeliverOwn(List<String> entryIds) {
        return reader.xclaim(stream, consumer, 0, entryIds.toArray(String[]::new));
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

    @Override
    public CompletionStage<ClaimedMessages<String, byte[]>> claim(String cursor, int count, Duration minIdle) {
        return commands.xautoclaim(stream, XAutoClaimArgs.Builder.xautoclaim(consumer, minIdle, cursor).count(count));
    }

    @Override
    public CompletionStage<Long> keepClaimed(List<String> entryIds) {
        byte[][] args = new byte[2 + entryIds.size()][];
        args[0] = group.getBytes(StandardCharsets.UTF_8);
        args[1] = consumer.getName().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < entryIds.size(); i++) {
            args[2 + i] = entryIds.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return keepClaimed.evaluate(commands, new String[] {stream}, args);
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
