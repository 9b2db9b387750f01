package io.toolcatalog.api.error;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure the API reports as it is: a status, a detail, the offending field for a 400 and any
 * headers the status calls for ({@code WWW-Authenticate}, {@code Retry-After}). The one advice
 * turns it into {@code application/problem+json}.
 */
public final class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final HttpHeaders headers;

    private ApiProblem(HttpStatus status, String field, String detail, HttpHeaders headers) {
        super(detail);
        this.status = status;
        this.field = field;
        this.headers = headers;
    }

    public static ApiProblem badRequest(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, field, detail, new HttpHeaders());
    }

    public static ApiProblem unauthorized(String detail) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return new ApiProblem(HttpStatus.UNAUTHORIZED, null, detail, headers);
    }

    /** A 401 for credentials that are not a bearer token (the webhook's signature). */
    public static ApiProblem badSignature(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, null, detail, new HttpHeaders());
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, null, detail, new HttpHeaders());
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, null, detail, new HttpHeaders());
    }

    /** A 429: too many calls of kind {@code what} on this node; retry after {@code retryAfterSeconds}. */
    public static ApiProblem tooManyRequests(String what, long retryAfterSeconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        return new ApiProblem(
                HttpStatus.TOO_MANY_REQUESTS,
                null,
                "Too many " + what + "; retry in " + retryAfterSeconds + " s",
                headers);
    }

    /** A 503: the node cannot answer right now; the caller may retry after {@code retryAfterSeconds}. */
    public static ApiProblem serviceUnavailable(String detail, long retryAfterSeconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, null, detail, headers);
    }

    public static ApiProblem bodyTooLarge(long limitBytes) {
        return new ApiProblem(
                HttpStatus.PAYLOAD_TOO_LARGE,
                "body",
                "request body is larger than " + limitBytes + " bytes",
                new HttpHeaders());
    }

    public HttpStatus status() {
        return status;
    }

    /** The offending field, or null when the problem is not about one. */
    public String field() {
        return field;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
