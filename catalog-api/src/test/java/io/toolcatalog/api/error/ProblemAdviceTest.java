package io.toolcatalog.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

class ProblemAdviceTest {

    final ProblemAdvice advice = new ProblemAdvice();
    final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/profiles");

    @Test
    void aClientThatLeftMidResponseIsNotAnError() {
        var answer = advice.unexpected(
                new AsyncRequestNotUsableException("ServletOutputStream failed to write: Broken pipe"), request);

        assertThat(answer).isNull();
    }

    @Test
    void anythingElseUnexpectedIsA500WithAnErrorId() {
        var answer = advice.unexpected(new IOException("disk on fire"), request);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(answer.getBody().getProperties()).containsKey("error_id");
    }
}
