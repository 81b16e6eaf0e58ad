package io.clamator.protocol;

/**
 * A blocking call was interrupted while it waited for its reply. The call is abandoned (a late
 * reply is dropped) and the thread's interrupt flag is set again, so the code around the call
 * sees the interruption too. The service may still run the call.
 */
public class ClamatorInterruptedException extends ClamatorException {

    public ClamatorInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
