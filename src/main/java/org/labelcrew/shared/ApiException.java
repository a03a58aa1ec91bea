package org.labelcrew.shared;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An error the API reports as an RFC 9457 problem: a status, a short title, a detail for people, and for
 * validation the list of fields or lines at fault.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;
    private final Duration retryAfter;
    private String code;
    private java.util.Map<String, Object> params;

    public ApiException(HttpStatus status, String title, String detail, List<FieldError> errors) {
        this(status, title, detail, errors, null);
    }

    private ApiException(HttpStatus status, String title, String detail, List<FieldError> errors, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** 429 with a {@code Retry-After} header (whole seconds, at least 1) and {@code retryAfterSeconds} in the body. */
    public static ApiException tooManyRequests(String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts", detail, null, retryAfter);
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " " + id + " does not exist", null);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, null);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Bad request", detail, null);
    }

    public static ApiException invalid(String detail, List<FieldError> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed", detail, errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(field + ": " + message, List.of(FieldError.field(field, message)));
    }

    /**
     * Adds a {@code code} and its {@code params} to the problem, for the browser to say in the reader's language (see
     * web/src/app/serverText.ts); the detail stays the English fallback.
     */
    public ApiException coded(String code, java.util.Map<String, Object> params) {
        this.code = code;
        this.params = params == null ? java.util.Map.of() : params;
        return this;
    }

    public String code() {
        return code;
    }

    public java.util.Map<String, Object> params() {
        return params;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** How long the client should wait before trying again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds to wait, rounded up, at least 1; 0 when there is no wait. */
    public long retryAfterSeconds() {
        if (retryAfter == null) return 0;
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** One fault: either a field path ({@code fields[0].options}, {@code result.topic}) or a 1-based line. */
    public record FieldError(String field, Long line, String message) {
        public static FieldError field(String field, String message) {
            return new FieldError(field, null, message);
        }

        public static FieldError line(long line, String message) {
            return new FieldError(null, line, message);
        }
    }
}
