package io.clamator.transport.redis;

import io.clamator.transport.redis.ReplyWriter.ReplyRefusedException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The writes of a server whose keys live on different cluster nodes, each touching one key so that
 * it goes to the node that owns it: a reply appended to its reply stream (with the stream's time
 * to live renewed), and entries of a command stream acknowledged and deleted in one step. A
 * caller acknowledges an entry only after its reply is written: a server that dies between the two
 * leaves the entry pending, and the server that reclaims it writes the reply again (clients ignore
 * a reply they already had).
 */
final class PerKeyWrites {

    /** KEYS: the command stream. ARGV: group, delete ("1"/"0"), then entry ids. Acknowledges them (and deletes them). */
    private static final String ACK_AND_DELETE = """
            local acked = redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 3))
            if ARGV[2] == '1' then
              redis.call('XDEL', KEYS[1], unpack(ARGV, 3))
            end
            return acked
            """;
    /**
     * KEYS: a reply stream. ARGV: max length, time to live in ms, envelope. Appends the reply, then
     * renews the stream's time to live. Returns nothing, or Redis's error for a refused XADD as a
     * value: an error reply of the script itself (a busy Redis, say) is not about this reply.
     */
    private static final String APPEND_REPLY = """
            local id = redis.pcall('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'type', 'rpc', 'envelope', ARGV[3])
            if type(id) == 'table' and id.err then
              return {id.err}
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return {}
            """;

    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final String commandStream;
    private final byte[] group;
    private final byte[] deleteHandled;
    private final byte[] replyStreamMaxLen;
    private final byte[] replyStreamTtlMillis;
    private final LuaScript appendReply;
    private final LuaScript ackAndDelete;

    PerKeyWrites(RedisClusterAsyncCommands<String, byte[]> commands, String commandStream, String group, RedisServerSettings settings) {
        this.commands = commands;
        this.commandStream = commandStream;
        this.group = group.getBytes(StandardCharsets.UTF_8);
        this.deleteHandled = (settings.keepHandledEntries() ? "0" : "1").getBytes(StandardCharsets.UTF_8);
        this.replyStreamMaxLen = Long.toString(settings.replyStreamMaxLen()).getBytes(StandardCharsets.UTF_8);
        this.replyStreamTtlMillis = Long.toString(settings.replyStreamTtl().toMillis()).getBytes(StandardCharsets.UTF_8);
        this.appendReply = new LuaScript(commands, APPEND_REPLY, ScriptOutputType.MULTI);
        this.ackAndDelete = new LuaScript(commands, ACK_AND_DELETE, ScriptOutputType.INTEGER);
    }

    /**
     * {@code XADD <reply-to> MAXLEN ~ n * type rpc envelope <json>}, then {@code PEXPIRE <reply-to> <ttl>}, in one step.
     *
     * @return fails with {@link ReplyRefusedException} when Redis refused this reply, or with the command's failure
     */
    CompletableFuture<Void> appendReply(String replyTo, byte[] envelope) {
        return appendReply.<List<Object>>evaluate(commands, new String[] {replyTo}, new byte[][] {replyStreamMaxLen, replyStreamTtlMillis, envelope})
                .thenApply(refusal -> {
                    if (!refusal.isEmpty()) {
                        Object error = refusal.get(0);
                        throw new ReplyRefusedException(error instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(error));
                    }
                    return null;
                });
    }

    /** {@code XACK} (and {@code XDEL}, unless handled entries are kept) of the given entries of the command stream, in one step. */
    CompletableFuture<Long> acknowledge(List<String> entryIds) {
        byte[][] args = new byte[2 + entryIds.size()][];
        args[0] = group;
        args[1] = deleteHandled;
        for (int i = 0; i < entryIds.size(); i++) {
            args[2 + i] = entryIds.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return ackAndDelete.evaluate(commands, new String[] {commandStream}, args);
    }
}
