package io.clamator.protocol;

/**
 * Base class of every exception clamator raises. Unchecked, so that typed proxy methods can
 * declare plain return types.
 */
public class ClamatorException extends RuntimeException {

    public ClamatorException(String message) {
        super(message);
    }

    public ClamatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
