package io.clamator.codegen;

import java.util.Objects;
import javax.lang.model.SourceVersion;

/**
 * How Java contracts are generated.
 *
 * @param packageName the package of the generated interfaces
 * @param calls       which client methods each request method gets
 */
public record GeneratorOptions(String packageName, Calls calls) {

    /** The client methods generated for a method that answers (notifications are always {@code void}). */
    public enum Calls {
        /** {@code AddResult add(AddParams params)}: what a service implements and a client calls. */
        BLOCKING,
        /** Both, the asynchronous one named {@code addAsync}: for client-side contracts. */
        BLOCKING_AND_FUTURE,
        /** {@code CompletableFuture<AddResult> add(AddParams params)} only. */
        FUTURE;

        /**
         * {@code blocking}, {@code blocking-and-future} or {@code future}.
         *
         * @throws IllegalArgumentException for any other text
         */
        public static Calls parse(String text) {
            for (Calls calls : values()) {
                if (calls.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(text)) {
                    return calls;
                }
            }
            throw new IllegalArgumentException("calls are blocking, blocking-and-future or future, not \"" + text + "\"");
        }
    }

    public GeneratorOptions {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(calls, "calls");
        if (!packageName.matches("[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*") || !SourceVersion.isName(packageName)) {
            throw new IllegalArgumentException("not a Java package name: \"" + packageName + "\" (a part of it may be a Java keyword)");
        }
    }

    /** Blocking methods in the given package. */
    public static GeneratorOptions of(String packageName) {
        return new GeneratorOptions(packageName, Calls.BLOCKING);
    }

    public GeneratorOptions withCalls(Calls calls) {
        return new GeneratorOptions(packageName, calls);
    }
}
