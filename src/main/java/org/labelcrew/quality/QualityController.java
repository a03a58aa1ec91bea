package org.labelcrew.quality;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.shared.pdf.PdfDocuments;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.labelcrew.shared.ApiException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class QualityController {

    private final QualityService quality;
    private final MyQuality mine;
    private final ProjectStats stats;
    private final QualityReport report;
    private final ConsensusService consensus;

    QualityController(QualityService quality, MyQuality mine, ProjectStats stats, QualityReport report,
            ConsensusService consensus) {
        this.consensus = consensus;
        this.quality = quality;
        this.mine = mine;
        this.stats = stats;
        this.report = report;
    }

    /** Progress figures (counts by state, daily throughput, per labeler): managers and reviewers. */
    @GetMapping("/projects/{id}/stats")
    ProjectStats.Stats stats(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return stats.stats(id, user);
    }

    @GetMapping("/projects/{id}/quality")
    QualityService.Quality quality(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return quality.quality(id, user);
    }

    /**
     * The dataset quality report (managers): {@code format=json} (default) the figures, {@code html} the page,
     * {@code pdf} the same page printed; {@code lang=ko} (default) or {@code en} for the page's words.
     */
    @GetMapping("/projects/{id}/quality/report")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = QualityReport.Report.class)),
            @Content(mediaType = "text/html"), @Content(mediaType = "application/pdf")})
    ResponseEntity<?> report(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(required = false) String format, @RequestParam(required = false) String lang) {
        String f = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("json", "html", "pdf").contains(f)) throw ApiException.invalid(ApiException.FieldError.coded("format", "value.oneOf",
                "must be json, html or pdf", "allowed", List.of("json", "html", "pdf")));
        String l = lang == null || lang.isBlank() ? "ko" : lang.strip().toLowerCase(java.util.Locale.ROOT);
        if (!QualityReportPage.languages().contains(l)) throw ApiException.invalid(ApiException.FieldError.coded("lang", "value.oneOf",
                "must be ko or en", "allowed", List.of("ko", "en")));
        QualityReport.Report r = report.report(id, user);
        if (f.equals("json")) return ResponseEntity.ok(r);
        String page = QualityReportPage.render(r, l);
        if (f.equals("html")) {
            return ResponseEntity.ok().contentType(new MediaType("text", "html", StandardCharsets.UTF_8)).body(page);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"quality-report-" + id + ".pdf\"")
                .body(PdfDocuments.render(page));
    }

    /** One result per approved task merged from the overlapping ones by a strategy (managers): MAJORITY (default), BEST_GOLD, REVIEWER. */
    @GetMapping("/projects/{id}/quality/consensus")
    ConsensusService.ConsensusView consensus(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(required = false) String strategy, @RequestParam(required = false) Integer limit) {
        return consensus.consensus(id, strategy, limit, user);
    }

    /** The caller's own gold accuracy in one project (any member; figures of their own answers only). */
    @GetMapping("/me/quality")
    MyQuality.Mine mine(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long projectId) {
        if (projectId == null) throw ApiException.invalid(ApiException.FieldError.coded("projectId", "field.required",
                "required: the project whose figures to show"));
        return mine.mine(projectId, user);
    }
}
