package org.labelcrew.academy;

import org.labelcrew.account.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class PlacementController {

    private final Placements placements;

    PlacementController(Placements placements) {
        this.placements = placements;
    }

    @PostMapping("/cohorts/{id}/placement")
    Placements.PlacementList place(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody Placements.PlacementRequest body) {
        return placements.run(id, body, user);
    }

    @GetMapping("/cohorts/{id}/placement")
    Placements.PlacementList placement(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return placements.list(id, user);
    }

    @PutMapping("/placements/{id}")
    Placements.Placement override(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody Placements.OverrideRequest body) {
        return placements.override(id, body, user);
    }

    @GetMapping("/agreements/current")
    Placements.Agreement agreement() {
        return placements.currentAgreement();
    }

    @PostMapping("/placements/{id}/accept")
    Placements.Accepted accept(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody Placements.AcceptRequest body) {
        return placements.accept(id, body, user);
    }
}
