package org.labelcrew.io;

import org.labelcrew.account.CurrentUser;
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

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    /**
     * 202: the file is stored and queued; follow it with GET /imports/{id}. Media formats ({@code images-zip},
     * {@code audio-zip}) also take several {@code files} instead of one zip.
     */
    @PostMapping(path = "/projects/{id}/imports", consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ImportJob start(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(name = "format", required = false) String format,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestPart(name = "files", required = false) java.util.List<MultipartFile> files) {
        return imports.start(id, format, file, files, user);
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
