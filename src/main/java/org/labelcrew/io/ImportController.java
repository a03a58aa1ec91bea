package org.labelcrew.io;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.labelcrew.account.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.labelcrew.shared.Page;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1")
class ImportController {

    private final ImportService imports;
    private final IoFiles files;

    ImportController(ImportService imports, IoFiles files) {
        this.imports = imports;
        this.files = files;
    }

    /**
     * 202: the file is stored and queued; follow it with GET /imports/{id}. Media formats ({@code images-zip},
     * {@code audio-zip}, {@code coco}, {@code yolo}) also take several {@code files} instead of one zip, and so does
     * {@code labelstudio} (its task JSON with the images or audio it names).
     */
    @PostMapping(path = "/projects/{id}/imports", consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ImportJob start(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(name = "format", required = false) String format,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestPart(name = "files", required = false) java.util.List<MultipartFile> files,
            @RequestParam(name = "options", required = false) String options) {
        return imports.start(id, format, file, files, options, user);
    }

    /**
     * A non-UTF-8 upload without {@code options.encoding}: the problem carries {@code code} and {@code params.detected}
     * so the browser asks, in the reader's language, whether to convert (and uploads again with the answer).
     */
    @ExceptionHandler(ImportService.EncodingConsentNeeded.class)
    ResponseEntity<ProblemDetail> encodingConsent(ImportService.EncodingConsentNeeded e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        p.setTitle(e.title());
        p.setType(URI.create("https://labelcrew.org/problems/" + e.status().value()));
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("errors", e.errors().stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
        p.setProperty("code", "import.encoding.consent");
        p.setProperty("params", Map.of("detected", e.detected));
        return ResponseEntity.status(e.status()).body(p);
    }

    /**
     * The rejected-rows report of an import that rejected rows: CSV {@code line,field,reason,code}, one row each, streamed
     * from the blob store (whichever instance ran the import).
     */
    @io.swagger.v3.oas.annotations.Operation(operationId = "rejected", responses = {
        @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "OK",
                content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "*/*",
                        schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))})
    @GetMapping("/imports/{id}/rejected")
    void rejected(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) @org.springframework.web.bind.annotation.RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) @org.springframework.web.bind.annotation.RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        ImportService.Stored report = imports.report(id, user);
        IoDownload.send(files, report.ref(), report.size(), "\"import-" + id + "-rejected-" + report.size() + "\"",
                "text/csv; charset=utf-8", "import-" + id + "-rejected.csv", range, ifNoneMatch, response);
    }

    @GetMapping("/imports/{id}")
    ImportJob get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return imports.get(id, user);
    }

    @GetMapping("/projects/{id}/imports")
    Page<ImportJob> list(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(required = false) String after, @RequestParam(required = false) Integer limit) {
        return imports.list(id, after, limit, user);
    }
}
