package io.clamator.boot.autoconfigure.diagnostics;

import io.clamator.contract.InvalidContractException;
import io.clamator.protocol.Names;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a startup that failed because a contract interface breaks the contract rules. */
class InvalidContractFailureAnalyzer extends AbstractFailureAnalyzer<InvalidContractException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidContractException cause) {
        String description = "A clamator contract is invalid: " + cause.getMessage();
        String action = "Fix the contract interface: annotate it with @ClamatorContract(\"<service-name>\"), with a service"
                + " name matching " + Names.SERVICE.pattern() + " (lower-case letters, digits and dashes, starting with a"
                + " letter); method names must match " + Names.METHOD.pattern() + " and each method takes at most one"
                + " parameter (the params object).";
        return new FailureAnalysis(description, action, cause);
    }
}
