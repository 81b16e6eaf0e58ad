package io.clamator.boot.autoconfigure.web;

import io.clamator.protocol.ClamatorException;
import io.clamator.protocol.ClamatorInterruptedException;
import io.clamator.protocol.ClamatorProtocolException;
import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.protocol.ErrorCodes;
import io.clamator.protocol.RpcException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Turns the exception of a failed clamator call into an RFC 9457 problem detail for an HTTP
 * response:
 * <ul>
 *   <li>no reply in time ({@link ClamatorTimeoutException}): 504 Gateway Timeout;</li>
 *   <li>the call could not be made ({@link ClamatorTransportException}): 503 Service Unavailable;</li>
 *   <li>the waiting thread was interrupted ({@link ClamatorInterruptedException}, as in a shutdown):
 *       503 Service Unavailable;</li>
 *   <li>{@code -32602 Invalid params}: 400 Bad Request, with the error's {@code data};</li>
 *   <li>an application code (any other code the service chose): the status configured for it,
 *       else 502 Bad Gateway, with the error's message and {@code data};</li>
 *   <li>the other protocol errors ({@code -32601}, {@code -32603}, {@code -32600}, {@code -32700},
 *       a reply that does not fit): 502 Bad Gateway, without the service's details.</li>
 * </ul>
 * Every problem of an {@link RpcException} carries its {@code code}. Where the service's details
 * are left out, the detail says what happened in general words; the exception says more in the
 * log.
 */
public class ClamatorProblemDetails {

    private final Map<Integer, HttpStatus> applicationStatuses;

    /** @param applicationStatuses the HTTP status for each application error code */
    public ClamatorProblemDetails(Map<Integer, HttpStatus> applicationStatuses) {
        this.applicationStatuses = Map.copyOf(applicationStatuses);
    }

    /** The problem detail for {@code failure}; its status is the response's. */
    public ProblemDetail toProblemDetail(ClamatorException failure) {
        if (failure instanceof RpcException rpc) {
            return forRpcError(rpc);
        }
        if (failure instanceof ClamatorTimeoutException) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, "The service did not answer in time.");
        }
        if (failure instanceof ClamatorTransportException) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The service cannot be reached.");
        }
        if (failure instanceof ClamatorInterruptedException) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The call to the service was interrupted.");
        }
        if (failure instanceof ClamatorProtocolException) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "The service's answer could not be read.");
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "The call to the service failed.");
    }

    private ProblemDetail forRpcError(RpcException rpc) {
        ProblemDetail problem;
        boolean withData;
        if (rpc.code() == ErrorCodes.INVALID_PARAMS) {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, rpc.getMessage());
            withData = true;
        } else if (isProtocolCode(rpc.code())) {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "The service failed to handle the request.");
            withData = false;
        } else {
            HttpStatusCode status = applicationStatuses.getOrDefault(rpc.code(), HttpStatus.BAD_GATEWAY);
            problem = ProblemDetail.forStatusAndDetail(status, rpc.getMessage());
            withData = true;
        }
        problem.setProperty("code", rpc.code());
        if (withData && rpc.data() != null) {
            problem.setProperty("data", rpc.data());
        }
        return problem;
    }

    private static boolean isProtocolCode(int code) {
        return code == ErrorCodes.PARSE_ERROR || code == ErrorCodes.INVALID_REQUEST || code == ErrorCodes.METHOD_NOT_FOUND
                || code == ErrorCodes.INTERNAL_ERROR;
    }
}
