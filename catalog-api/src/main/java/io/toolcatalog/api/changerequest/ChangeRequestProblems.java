package io.toolcatalog.api.changerequest;

import io.toolcatalog.core.error.ChangeRequestException;
import io.toolcatalog.core.error.StagedConflictException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Change requests' failures as {@code application/problem+json}: 404, 409 (wrong state; tools that
 * changed since they were staged, listed in {@code conflicts}), 403 (the author approving, a policy)
 * and 422 listing every item's problem in {@code problems} ({@code item}, {@code field}, {@code detail}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChangeRequestProblems {

    /** The problem type of a direct write refused because changes go through change requests. */
    static final URI REVIEW_REQUIRED = URI.create(ChangeRequestController.PATH);

    private static final Logger log = LoggerFactory.getLogger(ChangeRequestProblems.class);

    @ExceptionHandler(ChangeRequestException.class)
    ResponseEntity<ProblemDetail> changeRequest(ChangeRequestException e, HttpServletRequest request) {
        HttpStatus status =
                switch (e.kind()) {
                    case NOT_FOUND -> HttpStatus.NOT_FOUND;
                    case WRONG_STATE -> HttpStatus.CONFLICT;
                    case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
                    case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
                };
        ProblemDetail body = problem(status, e.getMessage(), request);
        if (e.kind() == ChangeRequestException.RequestRefusal.INVALID) {
            body.setProperty("problems", e.problems());
            if (!e.problems().isEmpty()) {
                body.setProperty("field", e.problems().get(0).field());
            }
        }
        return answer(body);
    }

    @ExceptionHandler(StagedConflictException.class)
    ResponseEntity<ProblemDetail> conflict(StagedConflictException e, HttpServletRequest request) {
        ProblemDetail body = problem(HttpStatus.CONFLICT, e.getMessage(), request);
        body.setProperty("conflicts", e.tools());
        return answer(body);
    }

    @ExceptionHandler(ReviewRequiredException.class)
    ResponseEntity<ProblemDetail> reviewRequired(ReviewRequiredException e, HttpServletRequest request) {
        ProblemDetail body = problem(HttpStatus.FORBIDDEN, e.getMessage(), request);
        body.setType(REVIEW_REQUIRED);
        body.setTitle("Changes go through change requests");
        return answer(body);
    }

    private static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
        log.debug("{} {} {}: {}", status.value(), request.getMethod(), request.getRequestURI(), detail);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setInstance(URI.create(request.getRequestURI()));
        return body;
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail body) {
        return ResponseEntity.status(body.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
