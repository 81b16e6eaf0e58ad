package io.clamator.transport.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One server's view of a service's command stream on Lettuce: its blocking reads on a connection
 * of their own, group creation and reclaiming on the shared command connection. The consumer is
 * {@code <service>:<instance id>} in the group {@code <service>}.
 */
final class ConsumerGroupStream implements StreamReader.EntrySource, Reclaimer.ClaimSource {

    /** {@code XGROUP CREATE ... MKSTREAM}: the stream is created with the group if it does not exist. */
    private static final XGroupCreateArgs CREATE_WITH_STREAM = new XGroupCreateArgs().mkstream(true);
    private static final int CLAIM_COUNT = 32;

    private final RedisAsyncCommands<String, byte[]> reader;
    private final RedisAsyncCommands<String, byte[]> commands;
    private final String stream;
    private final String group;
    private final Consumer<String> consumer;
    private final Duration blockTime;
    private final Duration claimIdle;

    ConsumerGroupStream(RedisAsyncCommands<String, byte[]> reader, RedisAsyncCommands<String, byte[]> commands, String keyPrefix,
                        String service, String instanceId, Duration blockTime, Duration claimIdle) {
        this.reader = reader;
        this.commands = commands;
        this.stream = StreamKeys.commands(keyPrefix, service);
        this.group = service;
        this.consumer = Consumer.from(group, StreamKeys.consumer(service, instanceId));
        this.blockTime = blockTime;
        this.claimIdle = claimIdle;
    }

    @Override
    public CompletionStage<List<StreamMessage<String, byte[]>>> readNew(int count) {
        return reader.xreadgroup(consumer, XReadArgs.Builder.block(blockTime).count(count), XReadArgs.StreamOffset.lastConsumed(stream));
    }

    @Override
    public CompletionStage<List<StreamMessage<String, byte[]>>> readOwnPending(String after, int count) {
        return reader.xreadgroup(consumer, XReadArgs.Builder.count(count), XReadArgs.StreamOffset.from(stream, after));
    }

    /** {@code XGROUP CREATE <stream> <service> $ MKSTREAM}; an existing group keeps its position. */
    @Override
    public CompletionStage<?> createGroup() {
        return commands.xgroupCreate(XReadArgs.StreamOffset.latest(stream), group, CREATE_WITH_STREAM)
                .handle((created, error) -> error == null || RedisErrorKind.of(error) == RedisErrorKind.GROUP_EXISTS
                        ? CompletableFuture.completedFuture(created)
                        : CompletableFuture.<String>failedFuture(error))
                .thenCompose(outcome -> outcome);
    }

    @Override
    public CompletionStage<ClaimedMessages<String, byte[]>> claim(String cursor) {
        return commands.xautoclaim(stream, XAutoClaimArgs.Builder.xautoclaim(consumer, claimIdle, cursor).count(CLAIM_COUNT));
    }

    String stream() {
        return stream;
    }
}
