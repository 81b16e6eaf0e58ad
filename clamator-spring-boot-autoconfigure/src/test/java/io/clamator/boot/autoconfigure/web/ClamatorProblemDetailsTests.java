package io.clamator.boot.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.protocol.ClamatorInterruptedException;
import io.clamator.protocol.ClamatorProtocolException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class ClamatorProblemDetailsTests {

    private final ClamatorProblemDetails problemDetails = new ClamatorProblemDetails(Map.of());

    @Test
    void anInterruptedCallIsAnsweredAsUnavailable() {
        ProblemDetail problem = problemDetails.toProblemDetail(new ClamatorInterruptedException(
                "call to stock.reserve interrupted while waiting", new InterruptedException()));

        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getDetail()).isEqualTo("The call to the service was interrupted.");
    }

    @Test
    void aReplyThatDoesNotFitIsABadGatewayWithoutItsDetails() {
        ProblemDetail problem = problemDetails.toProblemDetail(
                new ClamatorProtocolException("malformed result for stock.reserve: secret"));

        assertThat(problem.getStatus()).isEqualTo(502);
        assertThat(problem.getDetail()).doesNotContain("secret");
    }
}
