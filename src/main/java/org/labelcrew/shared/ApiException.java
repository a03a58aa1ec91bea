package org.labelcrew.shared;

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

    public ApiException(HttpStatus status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
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

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
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
