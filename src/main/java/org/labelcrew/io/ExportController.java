package org.labelcrew.io;

import org.labelcrew.account.CurrentUser;
import org.labelcrew.shared.Page;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class ExportController {

    private final ExportService exports;
    private final IoFiles files;

    ExportController(ExportService exports, IoFiles files) {
        this.exports = exports;
        this.files = files;
    }

    /** 202: queued; follow it with GET /exports/{id}, then fetch /exports/{id}/file. */
    @PostMapping("/projects/{id}/exports")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ExportJob start(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody(required = false) ExportService.ExportRequest body) {
        return exports.start(id, body, user);
    }

    @GetMapping("/exports/{id}")
    ExportJob get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return exports.get(id, user);
    }

    @GetMapping("/projects/{id}/exports")
    Page<ExportJob> list(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(required = false) String after, @RequestParam(required = false) Integer limit) {
        return exports.list(id, after, limit, user);
    }

    /**
     * The file itself, streamed from the blob store (whichever instance wrote it); range requests work, so a broken
     * download can resume, and an ETag answers a repeated download with 304.
     */
    @io.swagger.v3.oas.annotations.Operation(operationId = "file", responses = {
        @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "OK",
                content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "*/*",
                        schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))})
    @GetMapping("/exports/{id}/file")
    void file(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            HttpServletResponse response) throws IOException {
        ExportService.ExportFile file = exports.file(id, user);
        IoDownload.send(files, file.ref(), file.size(), "\"export-" + id + "-" + file.size() + "\"", file.contentType(),
                file.fileName(), range, ifNoneMatch, response);
    }
}
