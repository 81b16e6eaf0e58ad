package io.clamator.protocol;

/**
 * No reply arrived within the call's timeout. The message always contains {@code call timeout}.
 * The server is not told; a reply that arrives later is dropped.
 */
public class ClamatorTimeoutException extends ClamatorTransportException {

    public ClamatorTimeoutException(String message) {
        super(message);
    }
}
