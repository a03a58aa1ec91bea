package org.labelcrew.quality;

import org.labelcrew.account.CurrentUser;
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

    QualityController(QualityService quality, MyQuality mine, ProjectStats stats) {
        this.quality = quality;
        this.mine = mine;
        this.stats = stats;
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

    /** The caller's own gold accuracy in one project (any member; figures of their own answers only). */
    @GetMapping("/me/quality")
    MyQuality.Mine mine(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) Long projectId) {
        if (projectId == null) throw ApiException.invalid("projectId", "required: the project whose figures to show");
        return mine.mine(projectId, user);
    }
}
