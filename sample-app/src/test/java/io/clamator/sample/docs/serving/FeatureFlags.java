package io.clamator.sample.docs.serving;

import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** An ordinary application object that the hand-built {@code flags} service exposes. */
public class FeatureFlags {

    private final Map<String, Boolean> flags = new ConcurrentHashMap<>();

    public Flag get(String name) {
        return new Flag(name, flags.getOrDefault(name, false));
    }

    public CompletableFuture<FlagList> allAsync() {
        return CompletableFuture.supplyAsync(() -> new FlagList(flags.entrySet().stream()
                .map(entry -> new Flag(entry.getKey(), entry.getValue()))
                .sorted(java.util.Comparator.comparing(Flag::name))
                .toList()));
    }

    public void set(Flag flag) {
        flags.put(flag.name(), flag.enabled());
    }

    public record FlagQuery(@NotBlank String name) {
    }

    public record Flag(@NotBlank String name, boolean enabled) {
    }

    public record FlagList(List<Flag> flags) {
    }
}
