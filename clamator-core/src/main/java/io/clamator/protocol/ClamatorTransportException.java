package io.clamator.protocol;

/**
 * A call could not be completed by the transport: not started, stopped, the message could not
 * be sent, or (as {@link ClamatorTimeoutException}) no reply arrived in time.
 */
public class ClamatorTransportException extends ClamatorException {

    public ClamatorTransportException(String message) {
        super(message);
    }

    public ClamatorTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
