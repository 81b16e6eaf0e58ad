package io.clamator.transport.redis;

import io.clamator.metrics.StreamFigures;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Reads what a command stream and its consumer group look like, in one script (one round trip,
 * one consistent moment): length, lag, pending entries, the age of the oldest pending one and,
 * when asked, the group's consumers.
 *
 * <p>The lag is counted, not taken from {@code XINFO GROUPS}: Redis derives its {@code lag} from
 * counters that deleted entries and a reload of the append-only file leave wrong (it was seen
 * reporting thousands with nothing left to deliver). The entries after the group's last delivered
 * id are counted, in pages of 1, 2, 4, ... entries (no larger than the byte budget left allows at
 * the largest entry seen), up to {@value #EXACT_LAG_LIMIT} entries or until their fields come to
 * {@value #EXACT_LAG_BYTES} bytes (Redis hands a script whole entries: a hundred calls of 1 MiB
 * waiting would cost it 100 MB and a stall of a large part of a second per poll); one more entry
 * is looked for, and where there is one the backlog is estimated: Redis's lag where it lies between
 * the entries counted and the length less the pending entries, else the latter. No entry other
 * than those counted and the one looked for is read ({@code XLEN}, not {@code XINFO STREAM},
 * which returns the first and last entries).
 */
final class StreamInspection {

    /** Up to this many undelivered entries the lag is exact. */
    static final int EXACT_LAG_LIMIT = 100;
    /** Counting stops once the entries counted hold this many bytes of fields and values. */
    static final int EXACT_LAG_BYTES = 256 * 1024;

    /**
     * KEYS: the command stream. ARGV: group, exact lag limit, "1" to list consumers, exact lag
     * byte budget. Returns length, lag, pending, smallest pending id ("" for none), Redis time in
     * ms, whether the group exists (1/0), then name, pending and idle ms of each consumer.
     */
    private static final String INSPECT = LuaScript.FIELDS_FUNCTION + """
            local group
            for _, each in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
              local candidate = fields(each)
              if candidate['name'] == ARGV[1] then
                group = candidate
              end
            end
            local length = redis.call('XLEN', KEYS[1])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            if not group then
              return {length, length, 0, '', now, 0}
            end
            local limit, budget = tonumber(ARGV[2]), tonumber(ARGV[4])
            local counted, bytes, largest, page, exact = 0, 0, 0, 1, false
            local from = '(' .. group['last-delivered-id']
            while counted < limit and bytes < budget do
              local wanted = math.min(page, limit - counted)
              if largest > 0 then
                wanted = math.min(wanted, math.max(1, math.floor((budget - bytes) / largest)))
              end
              local entries = redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', wanted)
              counted = counted + #entries
              if #entries < wanted then
                exact = true
                break
              end
              for _, entry in ipairs(entries) do
                local size = 0
                for _, part in ipairs(entry[2]) do
                  size = size + #part
                end
                bytes = bytes + size
                largest = math.max(largest, size)
              end
              from = '(' .. entries[#entries][1]
              page = page * 2
            end
            if not exact then
              exact = #redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', 1) == 0
            end
            local lag = counted
            if not exact then
              local undelivered = length - group['pending']
              local reported = tonumber(group['lag'])
              if reported and reported >= counted and reported <= undelivered then
                lag = reported
              else
                lag = math.max(counted, undelivered)
              end
            end
            local summary = redis.call('XPENDING', KEYS[1], ARGV[1])
            local result = {length, lag, summary[1], summary[2] or '', now, 1}
            if ARGV[3] == '1' then
              for _, each in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
                local consumer = fields(each)
                table.insert(result, consumer['name'])
                table.insert(result, consumer['pending'])
                table.insert(result, consumer['idle'])
              end
            end
            return result
            """;

    /** What the script found; {@code consumers} empty unless asked for. */
    record Inspected(StreamFigures figures, boolean groupExists, List<RedisServiceStreams.GroupConsumer> consumers) {
    }

    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final LuaScript inspect;

    StreamInspection(RedisClusterAsyncCommands<String, byte[]> commands) {
        this.commands = commands;
        this.inspect = new LuaScript(commands, INSPECT, ScriptOutputType.MULTI);
    }

    /** Inspects the command stream of the group {@code group}; fails when the stream does not exist. */
    CompletionStage<Inspected> inspect(String stream, String group, boolean withConsumers) {
        byte[][] args = {bytes(group), bytes(Integer.toString(EXACT_LAG_LIMIT)), bytes(withConsumers ? "1" : "0"),
                bytes(Integer.toString(EXACT_LAG_BYTES))};
        return inspect.<List<Object>>evaluate(commands, new String[] {stream}, args).thenApply(StreamInspection::parse);
    }

    static Inspected parse(List<Object> result) {
        long length = number(result.get(0));
        long lag = number(result.get(1));
        long pending = number(result.get(2));
        String oldestPending = text(result.get(3));
        long now = number(result.get(4));
        boolean groupExists = number(result.get(5)) == 1;
        long oldestAge = oldestPending.isEmpty() ? 0 : Math.max(0, now - idMillis(oldestPending));
        List<RedisServiceStreams.GroupConsumer> consumers = new ArrayList<>();
        for (int i = 6; i + 2 < result.size(); i += 3) {
            consumers.add(new RedisServiceStreams.GroupConsumer(text(result.get(i)), number(result.get(i + 1)), number(result.get(i + 2))));
        }
        return new Inspected(new StreamFigures(length, lag, pending, oldestAge), groupExists, List.copyOf(consumers));
    }

    /** The time part of a stream entry id ({@code <ms>-<seq>}). */
    static long idMillis(String entryId) {
        int dash = entryId.indexOf('-');
        return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
    }

    private static long number(Object value) {
        return value instanceof Long number ? number : Long.parseLong(text(value));
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
