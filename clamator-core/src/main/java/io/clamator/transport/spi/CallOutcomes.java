package io.clamator.transport.spi;

import io.clamator.observation.CallOutcome;
import io.clamator.protocol.ClamatorInterruptedException;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.RpcException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/** The outcome a client call's failure stands for. */
final class CallOutcomes {

    private CallOutcomes() {
    }

    static CallOutcome of(Throwable error) {
        if (error instanceof RpcException) {
            return CallOutcome.ERROR_REPLY;
        }
        if (error instanceof ClamatorTimeoutException || error instanceof TimeoutException) { // the latter: the caller's orTimeout
            return CallOutcome.TIMEOUT;
        }
        if (error instanceof CancellationException || error instanceof ClamatorInterruptedException) {
            return CallOutcome.CANCELLED;
        }
        if (error instanceof ClamatorProtocolException) {
            return CallOutcome.PROTOCOL_ERROR;
        }
        return CallOutcome.TRANSPORT_FAILURE;
    }
}
