package org.labelcrew.io;

import org.labelcrew.account.CurrentUser;
import org.labelcrew.shared.Page;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

    ExportController(ExportService exports) {
        this.exports = exports;
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

    /** The file itself, streamed from disk (range requests work, so a broken download can resume). */
    @GetMapping("/exports/{id}/file")
    ResponseEntity<Resource> file(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        ExportService.ExportFile file = exports.file(id, user);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.fileName()).build().toString())
                .body(new FileSystemResource(file.path()));
    }
}
