package org.labelcrew.review;

import java.util.List;
import org.labelcrew.account.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Acceptance sampling of lots (managers): declare a lot, follow its sample, decide instead of it with a reason. */
@RestController
@RequestMapping("/api/v1/projects/{id}/lots")
class LotController {

    private final Lots lots;

    LotController(Lots lots) {
        this.lots = lots;
    }

    /** Declares a lot of the submitted work awaiting review that is in no lot yet, with its AQL; draws its sample. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Lots.Lot create(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody Lots.Create body) {
        return lots.create(id, body, user);
    }

    @GetMapping
    List<Lots.Lot> list(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return lots.list(id, user);
    }

    @GetMapping("/{lotId}")
    Lots.Lot get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long lotId) {
        return lots.get(id, lotId, user);
    }

    /** A manager's decision instead of the sample's (ACCEPT or RETURN, with a reason), while it is inspected. */
    @PostMapping("/{lotId}/decision")
    Lots.Lot decide(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long lotId,
            @RequestBody Lots.Override body) {
        return lots.override(id, lotId, body, user);
    }
}
