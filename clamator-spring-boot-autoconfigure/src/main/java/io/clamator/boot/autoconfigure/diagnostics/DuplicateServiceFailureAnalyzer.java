package io.clamator.boot.autoconfigure.diagnostics;

import io.clamator.boot.autoconfigure.server.DuplicateServiceException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a startup that failed because two beans serve the same service. */
class DuplicateServiceFailureAnalyzer extends AbstractFailureAnalyzer<DuplicateServiceException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DuplicateServiceException cause) {
        String description = "The clamator service \"" + cause.getService() + "\" has two handlers in this application:\n\n\t- "
                + cause.getFirst() + "\n\t- " + cause.getSecond();
        String action = "Keep a single @ClamatorService bean for the service \"" + cause.getService()
                + "\": remove the annotation from one of them, or exclude one from the context"
                + " (a class can serve each contract once per application).";
        return new FailureAnalysis(description, action, cause);
    }
}
