package io.clamator.transport.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes a server's replies and acknowledgements. A reply and its XACK go out as one script,
 * so the entry is acknowledged only once the reply is written, in a single round trip.
 */
final class ReplyWriter {

    /** KEYS: reply stream, command stream. ARGV: reply max length, envelope, group, entry id. */
    private static final String REPLY_AND_ACK = """
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'type', 'rpc', 'envelope', ARGV[2])
            return redis.call('XACK', KEYS[2], ARGV[3], ARGV[4])
            """;

    private final RedisAsyncCommands<String, byte[]> commands;
    private final byte[] replyStreamMaxLen;
    private final String scriptSha;

    ReplyWriter(RedisAsyncCommands<String, byte[]> commands, long replyStreamMaxLen) {
        this.commands = commands;
        this.replyStreamMaxLen = bytes(Long.toString(replyStreamMaxLen));
        this.scriptSha = commands.digest(REPLY_AND_ACK);
    }

    /** {@code XADD <replyTo> MAXLEN ~ n * type rpc envelope <json>} then {@code XACK}, atomically. */
    CompletionStage<Void> replyAndAck(String replyTo, String commandStream, String group, String entryId, byte[] envelope) {
        String[] keys = {replyTo, commandStream};
        byte[][] args = {replyStreamMaxLen, envelope, bytes(group), bytes(entryId)};
        CompletableFuture<Object> viaSha = commands.evalsha(scriptSha, ScriptOutputType.INTEGER, keys, args).toCompletableFuture();
        return viaSha.handle((result, error) -> error)
                .thenCompose(error -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (isNoScript(error)) {
                        return commands.eval(REPLY_AND_ACK, ScriptOutputType.INTEGER, keys, args).toCompletableFuture().thenApply(result -> null);
                    }
                    return CompletableFuture.failedFuture(error);
                });
    }

    /** {@code XACK <commandStream> <group> <entryId>}. */
    CompletionStage<Void> ack(String commandStream, String group, String entryId) {
        return commands.xack(commandStream, group, entryId).thenApply(count -> null);
    }

    /** Redis forgot the script (restarted or flushed): it is sent in full once more. */
    private static boolean isNoScript(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof RedisNoScriptException) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
