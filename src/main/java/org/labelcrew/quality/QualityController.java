package org.labelcrew.quality;

import org.labelcrew.account.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class QualityController {

    private final QualityService quality;

    QualityController(QualityService quality) {
        this.quality = quality;
    }

    @GetMapping("/projects/{id}/quality")
    QualityService.Quality quality(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return quality.quality(id, user);
    }
}
