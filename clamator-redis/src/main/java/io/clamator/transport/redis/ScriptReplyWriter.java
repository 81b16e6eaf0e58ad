package io.clamator.transport.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The {@link ReplyWriter} of one service whose keys live together (one Redis, or a cluster key
 * prefix with a hash tag), as a group commit: each batch goes out as one script that writes every
 * reply ({@code XADD <reply-to> MAXLEN ~ n * type rpc envelope <json>}) and then acknowledges, with one
 * {@code XACK}, exactly the entries whose reply was written (and those that needed none), and
 * deletes them from the command stream with one {@code XDEL} in the same atomic step (unless
 * handled entries are kept). Each reply stream written gets the reply stream time to live
 * ({@code PEXPIRE}), which its live client renews.
 *
 * <p>A reply Redis refuses is reported per entry: {@link ReplyRefusedException} for the entry's
 * future, the entry left unacknowledged.
 */
final class ScriptReplyWriter extends GroupCommitReplyWriter {

    /**
     * KEYS: the command stream, then the reply streams. ARGV: group, reply max length, whether to
     * delete acknowledged entries ("1" or "0"), reply stream time to live in ms, count, then per
     * entry: entry id, index of its reply stream in KEYS (0 for none), envelope.
     * Returns the refused entries as {id, error, id, error, ...}.
     */
    private static final String WRITE_AND_ACK = """
            local group, maxlen, delete, ttl, count = ARGV[1], ARGV[2], ARGV[3] == '1', ARGV[4], tonumber(ARGV[5])
            local acked, refused, replied = {}, {}, {}
            for item = 0, count - 1 do
              local id, key, envelope = ARGV[6 + item * 3], tonumber(ARGV[7 + item * 3]), ARGV[8 + item * 3]
              if key == 0 then
                acked[#acked + 1] = id
              else
                local written = redis.pcall('XADD', KEYS[key], 'MAXLEN', '~', maxlen, '*', 'type', 'rpc', 'envelope', envelope)
                if type(written) == 'table' and written.err then
                  refused[#refused + 1] = id
                  refused[#refused + 1] = written.err
                else
                  acked[#acked + 1] = id
                  replied[key] = true
                end
              end
            end
            for key in pairs(replied) do
              redis.call('PEXPIRE', KEYS[key], ttl)
            end
            if #acked > 0 then
              redis.call('XACK', KEYS[1], group, unpack(acked))
              if delete then
                redis.call('XDEL', KEYS[1], unpack(acked))
              end
            end
            return refused
            """;

    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final String commandStream;
    private final byte[] group;
    private final byte[] replyStreamMaxLen;
    private final byte[] deleteHandled;
    private final byte[] replyStreamTtlMillis;
    private final LuaScript script;

    ScriptReplyWriter(RedisClusterAsyncCommands<String, byte[]> commands, String commandStream, String group, long replyStreamMaxLen,
                      boolean keepHandledEntries, Duration replyStreamTtl) {
        this.commands = commands;
        this.commandStream = commandStream;
        this.group = bytes(group);
        this.replyStreamMaxLen = bytes(Long.toString(replyStreamMaxLen));
        this.deleteHandled = bytes(keepHandledEntries ? "0" : "1");
        this.replyStreamTtlMillis = bytes(Long.toString(replyStreamTtl.toMillis()));
        this.script = new LuaScript(commands, WRITE_AND_ACK, ScriptOutputType.MULTI);
    }

    @Override
    CompletionStage<?> write(List<Write> batch) {
        Map<String, Integer> replyKeys = new LinkedHashMap<>();
        List<byte[]> args = new ArrayList<>(5 + batch.size() * 3);
        args.add(group);
        args.add(replyStreamMaxLen);
        args.add(deleteHandled);
        args.add(replyStreamTtlMillis);
        args.add(bytes(Integer.toString(batch.size())));
        for (Write write : batch) {
            int key = write.replyTo() == null ? 0 : replyKeys.computeIfAbsent(write.replyTo(), stream -> replyKeys.size() + 2);
            args.add(bytes(write.entryId()));
            args.add(bytes(Integer.toString(key)));
            args.add(write.envelope());
        }
        List<String> keys = new ArrayList<>(1 + replyKeys.size());
        keys.add(commandStream);
        keys.addAll(replyKeys.keySet());
        String[] keyArray = keys.toArray(String[]::new);
        byte[][] argArray = args.toArray(byte[][]::new);
        return script.<List<Object>>evaluate(commands, keyArray, argArray).whenComplete((refused, error) -> finish(batch, refused, error));
    }

    private static void finish(List<Write> batch, List<Object> refused, Throwable error) {
        if (error != null) {
            batch.forEach(write -> write.done().completeExceptionally(error));
            return;
        }
        Map<String, String> refusals = new LinkedHashMap<>();
        for (int i = 0; i + 1 < refused.size(); i += 2) {
            refusals.put(text(refused.get(i)), text(refused.get(i + 1)));
        }
        for (Write write : batch) {
            String refusal = refusals.get(write.entryId());
            if (refusal == null) {
                write.done().complete(null);
            } else {
                write.done().completeExceptionally(new ReplyRefusedException(refusal));
            }
        }
    }

    private static String text(Object value) {
        return value instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
