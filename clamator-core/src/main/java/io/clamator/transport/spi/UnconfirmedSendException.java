package io.clamator.transport.spi;

import io.clamator.protocol.ClamatorTransportException;

/**
 * A send whose outcome the transport cannot tell: the message went out, but no confirmation came
 * back (Redis did not answer in time, and may still run the command when it does). A call whose
 * send fails so stays pending until its reply or its timeout, since it may still be handled; a
 * notification fails with it.
 */
public class UnconfirmedSendException extends ClamatorTransportException {

    /**
     * @param message what was not confirmed, and why
     * @param cause   the transport's failure
     */
    public UnconfirmedSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
