package io.clamator.boot.autoconfigure.endpoint;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The endpoint could not reach Redis, or Redis did not answer within the command timeout: a
 * condition of the moment, answered over HTTP with 503 Service Unavailable rather than as a
 * failure of the endpoint (the annotation is ignored where Spring Web is absent).
 */
@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
final class RedisUnreachableException extends RuntimeException {

    RedisUnreachableException(String keyPrefix, RuntimeException cause) {
        super("Redis did not answer for key prefix " + keyPrefix + ": " + cause.getMessage(), cause);
    }
}
