package io.clamator.boot.autoconfigure.diagnostics;

import io.clamator.boot.autoconfigure.client.InvalidClientInjectionPointException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a startup that failed because of a {@code @ClamatorClient} injection point that cannot be served. */
class InvalidClientInjectionPointFailureAnalyzer extends AbstractFailureAnalyzer<InvalidClientInjectionPointException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidClientInjectionPointException cause) {
        return switch (cause.getReason()) {
            case NOT_A_CONTRACT -> new FailureAnalysis(
                    "@ClamatorClient is used on " + cause.getInjectionPoint() + ", whose type " + cause.getType().getName()
                            + " is not a clamator contract.",
                    "Use @ClamatorClient only on interfaces annotated with @ClamatorContract(\"<service-name>\");"
                            + " inject io.clamator.client.RpcClient without @ClamatorClient for contract-agnostic calls.",
                    cause);
            case UNKNOWN_BACKEND -> new FailureAnalysis(
                    "@ClamatorClient on " + cause.getInjectionPoint() + " names the backend '" + cause.getBackend()
                            + "', which is not configured.",
                    "Configure the backend under clamator.backends." + cause.getBackend() + " (for example clamator.backends."
                            + cause.getBackend() + ".key-prefix), or fix the backend name.",
                    cause);
        };
    }
}
