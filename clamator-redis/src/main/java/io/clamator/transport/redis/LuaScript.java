package io.clamator.transport.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.concurrent.CompletableFuture;

/**
 * A Lua script run by its digest ({@code EVALSHA}), sent in full once more when Redis has
 * forgotten it (after a restart or {@code SCRIPT FLUSH}).
 */
final class LuaScript {

    /** A Lua function scripts start with: {@code fields(list)} makes a table of a flat name/value reply ({@code XINFO}'s). */
    static final String FIELDS_FUNCTION = """
            local function fields(list)
              local map = {}
              for i = 1, #list, 2 do
                map[list[i]] = list[i + 1]
              end
              return map
            end
            """;

    private final String source;
    private final String sha;
    private final ScriptOutputType output;

    LuaScript(RedisClusterAsyncCommands<String, byte[]> commands, String source, ScriptOutputType output) {
        this.source = source;
        this.sha = commands.digest(source);
        this.output = output;
    }

    <T> CompletableFuture<T> evaluate(RedisClusterAsyncCommands<String, byte[]> commands, String[] keys, byte[][] args) {
        CompletableFuture<T> viaSha = commands.<T>evalsha(sha, output, keys, args).toCompletableFuture();
        return viaSha.handle((result, error) -> error == null ? viaSha : RedisErrorKind.of(error) == RedisErrorKind.NO_SCRIPT
                        ? commands.<T>eval(source, output, keys, args).toCompletableFuture()
                        : viaSha)
                .thenCompose(stage -> stage);
    }
}
