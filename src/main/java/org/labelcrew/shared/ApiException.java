package org.labelcrew.shared;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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
    private Map<String, Object> params = Map.of();

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

    /** One coded field error; the detail is "field: message", as {@link #invalid(String, String)} writes it. */
    public static ApiException invalid(FieldError error) {
        return invalid(error.field() + ": " + error.message(), List.of(error));
    }

    /**
     * Names the sentence for the browser, which says it in the reader's language ({@code code.<code>} in the web's
     * messages); {@code detail} stays the English fallback for scripts.
     */
    public ApiException withCode(String code, Map<String, Object> params) {
        this.code = code;
        this.params = Map.copyOf(params);
        return this;
    }

    /** The sentence's code for the browser, or null. */
    public String code() {
        return code;
    }

    public Map<String, Object> params() {
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

    /**
     * One fault: either a field path ({@code fields[0].options}, {@code result.topic}) or a 1-based line. {@code code}
     * and {@code params} name the sentence for the browser, which words it in the reader's language
     * ({@code code.<code>} in the web's messages); {@code message} stays the English fallback for scripts and for
     * errors without a code.
     */
    public record FieldError(@Nullable String field, @Nullable Long line, String message, @Nullable String code,
            @Nullable Map<String, Object> params) {

        public FieldError(String field, Long line, String message) {
            this(field, line, message, null, null);
        }

        public static FieldError field(String field, String message) {
            return new FieldError(field, null, message);
        }

        public static FieldError line(long line, String message) {
            return new FieldError(null, line, message);
        }

        /**
         * A field's fault with its code ({@code lowerCamel.dotted}) and parameters given as name, value pairs
         * ({@code "min", 3, "actual", 1}); a null value is left out.
         */
        public static FieldError coded(String field, String code, String message, Object... params) {
            return new FieldError(field, null, message, code, pairs(params));
        }

        /** The same fault at another path (a gold reference's {@code reference.topic} for {@code result.topic}). */
        public FieldError at(String otherField) {
            return new FieldError(otherField, line, message, code, params);
        }

        private static Map<String, Object> pairs(Object... params) {
            if (params.length % 2 != 0) throw new IllegalArgumentException("params come in name, value pairs");
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < params.length; i += 2) {
                if (params[i + 1] != null) out.put((String) params[i], params[i + 1]);
            }
            return Collections.unmodifiableMap(out);
        }
    }
}
