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
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
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
        if (e.code() != null) {
            body.setProperty("code", e.code());
            body.setProperty("params", e.params());
        }
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
                .body(coded(problem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", detail,
                        List.of(ApiException.FieldError.coded("file", "upload.tooLarge", "larger than " + uploadLimit,
                                "limit", uploadLimit)), null), "request.uploadTooLarge", Map.of("limit", uploadLimit)));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        log.info("Integrity violation: {}", e.getMostSpecificCause().getMessage());
        if (e.getMostSpecificCause() instanceof java.sql.SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().equals("22P05") || sql.getSQLState().equals("22021"))) {
            // PostgreSQL stores no NUL character (U+0000), in text or in jsonb: it is the input's fault, not a conflict.
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(coded(problem(HttpStatus.UNPROCESSABLE_CONTENT,
                    "Validation failed", "A text contains the character U+0000 (NUL), which cannot be stored",
                    List.of(ApiException.FieldError.coded("body", "text.nul", "contains the character U+0000 (NUL)")), request),
                    "request.nul", Map.of()));
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(coded(problem(HttpStatus.CONFLICT, "Conflict",
                "The change conflicts with data already stored", List.of(), request), "request.conflict", Map.of()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegal(IllegalArgumentException e, HttpServletRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), List.of(), request));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        // Bean validation's own sentence is English only: the browser says "is not valid" in the reader's language
        // (code bean.invalid), with the constraint's name as a parameter for scripts and support.
        ex.getBindingResult().getFieldErrors().forEach(fe -> errors.add(ApiException.FieldError.coded(fe.getField(), "bean.invalid",
                String.valueOf(fe.getDefaultMessage()), "constraint", fe.getCode())));
        ex.getBindingResult().getGlobalErrors().forEach(ge -> errors.add(ApiException.FieldError.coded(ge.getObjectName(), "bean.invalid",
                String.valueOf(ge.getDefaultMessage()), "constraint", ge.getCode())));
        ProblemDetail body = coded(problem(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed",
                errors.size() + " field(s) are invalid", errors, null), "request.fieldsInvalid", Map.of("count", errors.size()));
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, RequestBodyLimit.TooLarge.class) != null) return bodyTooLarge();
        JacksonException json = causedBy(ex, JacksonException.class);
        ApiException.FieldError error = json != null ? JsonProblems.describe(json)
                : ApiException.FieldError.coded("body", "json.required", "is required: send a JSON object");
        ProblemDetail body = coded(problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
                "The request body cannot be read: " + (error.field().equals("body") ? "" : error.field() + " ") + error.message(),
                List.of(error), null), "request.unreadableBody", Map.of());
        return ResponseEntity.badRequest().body(body);
    }

    static ResponseEntity<Object> bodyTooLarge() {
        String limit = (InputLimits.JSON_BODY_MAX_BYTES >> 20) + " MiB";
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(coded(problem(HttpStatus.CONTENT_TOO_LARGE, "Body too large",
                "The request body is larger than " + limit,
                List.of(ApiException.FieldError.coded("body", "body.tooLarge", "larger than " + limit, "limit", limit)), null),
                "request.bodyTooLarge", Map.of("limit", limit)));
    }

    /**
     * Every other error Spring MVC raises before a controller runs (missing or mistyped parameters, a wrong method or
     * media type, an unknown path) leaves as our problem detail, naming the parameter in the API's words.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest web && web.getResponse() != null && web.getResponse().isCommitted()) {
            return null;
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = body instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail() : title;
        List<ApiException.FieldError> errors = List.of();
        String code = null;
        Map<String, Object> params = Map.of();
        if (ex instanceof MissingServletRequestParameterException e) {
            detail = "The parameter '" + e.getParameterName() + "' is required";
            errors = List.of(ApiException.FieldError.coded(e.getParameterName(), "field.required", "is required"));
            code = "request.parameterRequired";
            params = Map.of("name", e.getParameterName());
        } else if (ex instanceof MissingServletRequestPartException e) {
            detail = "The multipart part '" + e.getRequestPartName() + "' is required";
            errors = List.of(ApiException.FieldError.coded(e.getRequestPartName(), "field.required", "is required"));
            code = "request.partRequired";
            params = Map.of("name", e.getRequestPartName());
        } else if (ex instanceof MissingRequestHeaderException e) {
            detail = "The header '" + e.getHeaderName() + "' is required";
            errors = List.of(ApiException.FieldError.coded(e.getHeaderName(), "field.required", "is required"));
            code = "request.headerRequired";
            params = Map.of("name", e.getHeaderName());
        } else if (ex instanceof TypeMismatchException e) {
            String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
            String expected = JsonProblems.expected(e.getRequiredType());
            String message = "must be " + (expected == null ? "of another type" : expected) + ", not '" + e.getValue() + "'";
            detail = name + " " + message;
            errors = List.of(JsonProblems.wrongType(name, e.getRequiredType(), message, "value", String.valueOf(e.getValue())));
            code = "request.parameterWrongType";
            params = Map.of("name", String.valueOf(name), "value", String.valueOf(e.getValue()));
        } else if (ex instanceof HttpRequestMethodNotSupportedException e) {
            String use = e.getSupportedHttpMethods() == null ? ""
                    : String.join(" or ", e.getSupportedHttpMethods().stream().map(Object::toString).toList());
            detail = e.getMethod() + " is not supported here" + (use.isEmpty() ? "" : "; use " + use);
            code = "request.methodNotAllowed";
            params = Map.of("method", String.valueOf(e.getMethod()), "allowed", use);
        } else if (ex instanceof HttpMediaTypeNotSupportedException e) {
            String sent = e.getContentType() == null ? "none" : e.getContentType().toString();
            String accepted = String.join(" or ", e.getSupportedMediaTypes().stream().map(Object::toString).toList());
            detail = "The body's Content-Type (" + sent + ") is not accepted here; send " + accepted;
            code = "request.contentType";
            params = Map.of("sent", sent, "accepted", accepted);
            errors = List.of(ApiException.FieldError.coded("Content-Type", "request.mediaType", "must be " + accepted, "accepted", accepted));
        } else if (ex instanceof HttpMediaTypeNotAcceptableException) {
            detail = "None of the media types in Accept can be produced here";
            errors = List.of(ApiException.FieldError.coded("Accept", "request.notAcceptable", "cannot be met"));
            code = "request.notAcceptable";
        } else if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            detail = "There is nothing at this path";
            code = "request.noPath";
        }
        HttpServletRequest servlet = request instanceof ServletWebRequest web ? web.getRequest() : null;
        ProblemDetail out = problem(status, title, detail, errors, servlet);
        if (code != null) coded(out, code, params);
        return ResponseEntity.status(status).headers(headers).body(out);
    }

    /** A multipart body that cannot be parsed (no boundary, cut off): the file part is at fault. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException e, HttpServletRequest request) {
        if (e instanceof MaxUploadSizeExceededException max) {
            return handleMaxUploadSizeExceededException(max, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, null);
        }
        return ResponseEntity.badRequest().body(coded(problem(HttpStatus.BAD_REQUEST, "Bad request",
                "The multipart body cannot be read; send multipart/form-data with a 'file' part",
                List.of(ApiException.FieldError.coded("file", "upload.unreadable", "cannot be read from the multipart body")), request),
                "request.multipartUnreadable", Map.of()));
    }

    private static <T extends Throwable> T causedBy(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    /** The problem's detail as a code for the browser to say in the reader's language (see ApiException.withCode). */
    private static ProblemDetail coded(ProblemDetail p, String code, Map<String, Object> params) {
        p.setProperty("code", code);
        p.setProperty("params", params);
        return p;
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
            if (e.code() != null) { // worded by the browser in the reader's language; message is the fallback
                m.put("code", e.code());
                m.put("params", e.params() == null ? Map.of() : e.params());
            }
            list.add(m);
        }
        p.setProperty("errors", list);
        return p;
    }
}
