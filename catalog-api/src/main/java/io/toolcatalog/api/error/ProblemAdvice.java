package io.toolcatalog.api.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.toolcatalog.core.error.CatalogException;
import io.toolcatalog.core.error.DatabaseUnavailableException;
import io.toolcatalog.core.error.Incident;
import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.error.LogText;
import io.toolcatalog.core.error.RevertRefusedException;
import io.toolcatalog.core.error.RevisionNotCommittedException;
import io.toolcatalog.core.error.RevisionNotReachedException;
import io.toolcatalog.core.error.RolloutException;
import io.toolcatalog.core.error.SchemaViolation;
import io.toolcatalog.core.error.SchemaViolationException;
import io.toolcatalog.core.error.ToolAlreadyExistsException;
import io.toolcatalog.core.error.ToolNotFoundException;
import io.toolcatalog.core.error.VersionConflictException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The one place failures become RFC 9457 {@code application/problem+json}. A 400 names the
 * offending field in {@code field}. A 4xx is the caller's business, not the operator's: it is logged at
 * DEBUG only, in one line. A 5xx is logged at ERROR with the stack; an unexpected one answers with an
 * error id that the log line carries too. Caller text reaches log lines escaped ({@link LogText}).
 */
@RestControllerAdvice
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem e, HttpServletRequest request) {
        return problem(e.status(), e.field(), e, e.headers(), request);
    }

    @ExceptionHandler(CatalogException.class)
    ResponseEntity<ProblemDetail> catalog(CatalogException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (e instanceof ToolNotFoundException) {
            return problem(HttpStatus.NOT_FOUND, null, e, headers, request);
        }
        if (e instanceof ToolAlreadyExistsException) {
            return problem(HttpStatus.CONFLICT, null, e, headers, request);
        }
        if (e instanceof VersionConflictException conflict) {
            headers.setETag("\"" + conflict.currentVersion() + "\"");
            return problem(HttpStatus.PRECONDITION_FAILED, null, e, headers, request);
        }
        if (e instanceof InvalidToolException invalid) {
            return problem(HttpStatus.BAD_REQUEST, invalid.field(), e, headers, request);
        }
        if (e instanceof SchemaViolationException violation) {
            ResponseEntity<ProblemDetail> answer =
                    problem(HttpStatus.UNPROCESSABLE_ENTITY, violation.field(), e, headers, request);
            if (!violation.violations().isEmpty()) {
                answer.getBody()
                        .setProperty(
                                "tools",
                                violation.violations().stream()
                                        .map(SchemaViolation::tool)
                                        .toList());
                answer.getBody().setProperty("violations", violation.violations());
            }
            return answer;
        }
        if (e instanceof RevisionNotReachedException || e instanceof DatabaseUnavailableException) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return problem(HttpStatus.SERVICE_UNAVAILABLE, null, e, headers, request);
        }
        if (e instanceof RevertRefusedException refused) {
            return reverted(refused, headers, request);
        }
        if (e instanceof RolloutException rollout) {
            return rollout(rollout, headers, request);
        }
        if (e instanceof RevisionNotCommittedException) {
            return problem(HttpStatus.CONFLICT, RevisionNotCommittedException.HEADER, e, headers, request);
        }
        return unexpected(e, request);
    }

    private static ResponseEntity<ProblemDetail> reverted(
            RevertRefusedException e, HttpHeaders headers, HttpServletRequest request) {
        HttpStatus status =
                switch (e.reason()) {
                    case UNKNOWN_REVISION -> HttpStatus.NOT_FOUND;
                    case PRUNED -> HttpStatus.GONE;
                    case NOTHING_TO_REVERT -> HttpStatus.UNPROCESSABLE_ENTITY;
                    case CONFLICT -> HttpStatus.CONFLICT;
                };
        ResponseEntity<ProblemDetail> answer = problem(status, null, e, headers, request);
        if (!e.conflicts().isEmpty()) {
            answer.getBody().setProperty("conflicts", e.conflicts());
        }
        return answer;
    }

    private static ResponseEntity<ProblemDetail> rollout(
            RolloutException e, HttpHeaders headers, HttpServletRequest request) {
        HttpStatus status =
                switch (e.kind()) {
                    case NOT_FOUND -> HttpStatus.NOT_FOUND;
                    case WRONG_STATE, TOOLS_BUSY -> HttpStatus.CONFLICT;
                    case INVALID -> HttpStatus.BAD_REQUEST;
                };
        ResponseEntity<ProblemDetail> answer = problem(status, e.field(), e, headers, request);
        if (e.rolloutId() != null && e.kind() == RolloutException.RolloutRefusal.TOOLS_BUSY) {
            answer.getBody().setProperty("rollout_id", e.rolloutId());
        }
        return answer;
    }

    /** A read that needed PostgreSQL (versions, a dry run) while it is down or timing out. */
    @ExceptionHandler({
        TransientDataAccessException.class,
        DataAccessResourceFailureException.class,
        RecoverableDataAccessException.class,
        CannotCreateTransactionException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        return catalog(DatabaseUnavailableException.unreachable(e), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return apiProblem(ApiProblem.bodyTooLarge(tooLarge.limitBytes()), request);
            }
            if (cause instanceof JsonProcessingException json) {
                return apiProblem(JsonProblems.of(json), request);
            }
        }
        String detail = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "is required"
                : "cannot be read";
        return apiProblem(ApiProblem.badRequest("body", detail), request);
    }

    @ExceptionHandler(JsonProcessingException.class)
    ResponseEntity<ProblemDetail> json(JsonProcessingException e, HttpServletRequest request) {
        return apiProblem(JsonProblems.of(e), request);
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException e, HttpServletRequest request) {
        return apiProblem(ApiProblem.bodyTooLarge(e.limitBytes()), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String expected =
                e.getRequiredType() == null ? "valid" : e.getRequiredType().getSimpleName();
        return apiProblem(
                ApiProblem.badRequest(e.getName(), "'" + e.getValue() + "' is not a valid " + expected), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(
            MissingServletRequestParameterException e, HttpServletRequest request) {
        return apiProblem(ApiProblem.badRequest(e.getParameterName(), "is required"), request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return apiProblem(ApiProblem.badRequest(e.getHeaderName(), "is required"), request);
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    ResponseEntity<ProblemDetail> binding(ServletRequestBindingException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, null, e, new HttpHeaders(), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        String detail = "Method " + e.getMethod() + " is not supported here";
        return problem(HttpStatus.METHOD_NOT_ALLOWED, null, detail, headers, request, e);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        String detail =
                "Content-Type " + e.getContentType() + " is not supported; use one of " + e.getSupportedMediaTypes();
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type", detail, new HttpHeaders(), request, e);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        String detail = "Cannot produce what Accept asks for; available: " + e.getSupportedMediaTypes();
        return problem(HttpStatus.NOT_ACCEPTABLE, "Accept", detail, new HttpHeaders(), request, e);
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ProblemDetail> noRoute(Exception e, HttpServletRequest request) {
        String detail = "No endpoint " + request.getMethod() + " " + request.getRequestURI();
        return problem(HttpStatus.NOT_FOUND, null, detail, new HttpHeaders(), request, e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // the caller went away mid-response: nobody to answer, and no fault of ours
            log.debug(
                    "Client left {} {}: {}",
                    request.getMethod(),
                    LogText.escape(request.getRequestURI()),
                    e.toString());
            return null;
        }
        Incident incident = Incident.report(log, "500 " + request.getMethod() + " " + request.getRequestURI(), e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "Internal error (error id " + incident.id() + ")");
        body.setInstance(java.net.URI.create(request.getRequestURI()));
        body.setProperty("error_id", incident.id());
        return ResponseEntity.internalServerError()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String field, Exception e, HttpHeaders headers, HttpServletRequest request) {
        return problem(status, field, e.getMessage(), headers, request, e);
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status,
            String field,
            String detail,
            HttpHeaders headers,
            HttpServletRequest request,
            Exception cause) {
        if (status.is5xxServerError()) {
            log.error(
                    "{} {} {}: {}",
                    status.value(),
                    request.getMethod(),
                    LogText.escape(request.getRequestURI()),
                    LogText.escape(detail),
                    cause);
        } else if (log.isDebugEnabled()) {
            log.debug(
                    "{} {} {}{}: {}",
                    status.value(),
                    request.getMethod(),
                    LogText.escape(request.getRequestURI()),
                    field == null ? "" : " [" + LogText.escape(field) + "]",
                    LogText.escape(detail));
        }
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setInstance(java.net.URI.create(request.getRequestURI()));
        if (field != null) {
            body.setProperty("field", field);
        }
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
