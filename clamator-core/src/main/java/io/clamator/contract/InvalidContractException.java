package io.clamator.contract;

import io.clamator.protocol.ClamatorException;

/** A contract (annotated interface or hand-built definition) breaks the naming or shape rules. */
public class InvalidContractException extends ClamatorException {

    public InvalidContractException(String message) {
        super(message);
    }
}
