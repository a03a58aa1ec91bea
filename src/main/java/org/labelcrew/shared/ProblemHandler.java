package org.labelcrew.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error leaves the API as an RFC 9457 problem detail, with {@code errors[]} naming fields or lines. */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final String uploadLimit;

    ProblemHandler(org.springframework.core.env.Environment env) {
        this.uploadLimit = env.getProperty("spring.servlet.multipart.max-file-size", "the configured limit");
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        ProblemDetail body = problem(e.status(), e.title(), e.getMessage(), e.errors(), request);
        if (e.retryAfter() == null) return ResponseEntity.status(e.status()).body(body);
        body.setProperty("retryAfterSeconds", e.retryAfterSeconds());
        return ResponseEntity.status(e.status()).header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(body);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = "The upload is larger than the limit of " + uploadLimit
                + " (LABELCREW_MAX_UPLOAD). Split the file or raise the limit.";
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(problem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", detail,
                        List.of(ApiException.FieldError.field("file", "larger than " + uploadLimit)), null));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        log.info("Integrity violation: {}", e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "Conflict",
                "The change conflicts with data already stored", List.of(), request));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegal(IllegalArgumentException e, HttpServletRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), List.of(), request));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(fe -> errors.add(ApiException.FieldError.field(fe.getField(), fe.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors().forEach(ge -> errors.add(ApiException.FieldError.field(ge.getObjectName(), ge.getDefaultMessage())));
        ProblemDetail body = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed",
                errors.size() + " field(s) are invalid", errors, null);
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String cause = ex.getMostSpecificCause().getMessage();
        if (cause != null && cause.length() > 300) cause = cause.substring(0, 300) + "…";
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
                "The request body is not valid JSON for this call: " + cause, List.of(), null);
        return ResponseEntity.badRequest().body(body);
    }

    static ProblemDetail problem(HttpStatusCode status, String title, String detail, List<ApiException.FieldError> errors,
            HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("https://labelcrew.org/problems/" + status.value()));
        if (request != null) p.setInstance(URI.create(request.getRequestURI()));
        List<Map<String, Object>> list = new ArrayList<>();
        for (ApiException.FieldError e : errors) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (e.field() != null) m.put("field", e.field());
            if (e.line() != null) m.put("line", e.line());
            m.put("message", e.message());
            list.add(m);
        }
        p.setProperty("errors", list);
        return p;
    }
}
