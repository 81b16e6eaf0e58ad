package io.clamator.internal;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/** Reactor adapters; loaded only when a contract actually uses {@code Mono}. */
final class ReactorSupport {

    private ReactorSupport() {
    }

    static Object deferredMono(Supplier<CompletableFuture<?>> call) {
        return Mono.fromFuture(call);
    }

    static CompletableFuture<Object> toFuture(Object mono) {
        @SuppressWarnings("unchecked")
        Mono<Object> typed = (Mono<Object>) mono;
        return typed.toFuture();
    }
}
