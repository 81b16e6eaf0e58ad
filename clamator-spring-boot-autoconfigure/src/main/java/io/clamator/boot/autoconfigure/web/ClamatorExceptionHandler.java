package io.clamator.boot.autoconfigure.web;

import io.clamator.protocol.ClamatorException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a request whose handler failed with a clamator exception with the problem detail
 * {@link ClamatorProblemDetails} makes of it, in Spring MVC and WebFlux alike. Comes after the
 * application's own advice; a controller's own {@code @ExceptionHandler} comes first anyway.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ClamatorExceptionHandler {

    private static final Log logger = LogFactory.getLog(ClamatorExceptionHandler.class);

    private final ClamatorProblemDetails problemDetails;

    ClamatorExceptionHandler(ClamatorProblemDetails problemDetails) {
        this.problemDetails = problemDetails;
    }

    @ExceptionHandler(ClamatorException.class)
    ResponseEntity<ProblemDetail> handle(ClamatorException failure) {
        ProblemDetail problem = problemDetails.toProblemDetail(failure);
        if (problem.getStatus() >= 500) {
            logger.warn("clamator call failed, answered " + problem.getStatus() + ": " + failure);
        } else if (logger.isDebugEnabled()) {
            logger.debug("clamator call failed, answered " + problem.getStatus() + ": " + failure);
        }
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
