package org.labelcrew.review;

import org.labelcrew.account.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class ReviewController {

    private final ReviewService reviews;

    ReviewController(ReviewService reviews) {
        this.reviews = reviews;
    }

    @PostMapping("/projects/{id}/next-review")
    ResponseEntity<ReviewService.ReviewItem> next(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return reviews.next(id, user).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    @PostMapping("/reviews/{id}/decision")
    ReviewService.Decided decide(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody ReviewService.Decision body) {
        return reviews.decide(id, body, user);
    }
}
