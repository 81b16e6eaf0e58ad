package io.clamator.codegen;

/**
 * A contract cannot be lowered, generated or checked: the message names the contract, the method
 * and the JSON path of what failed, and why.
 */
public class CodegenException extends RuntimeException {

    public CodegenException(String message) {
        super(message);
    }

    public CodegenException(String message, Throwable cause) {
        super(message, cause);
    }
}
