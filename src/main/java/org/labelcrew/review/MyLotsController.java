package org.labelcrew.review;

import java.util.List;
import org.labelcrew.account.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A labeler's side of acceptance sampling: the returned lots that hold their work to rework (the home page says so). */
@RestController
class MyLotsController {

    private final Lots lots;

    MyLotsController(Lots lots) {
        this.lots = lots;
    }

    /** The caller's returned lots with rejected work of theirs waiting for rework, as codes the browser words. */
    @GetMapping("/api/v1/me/returned-lots")
    List<Lots.ReturnedLotNotice> returnedLots(@AuthenticationPrincipal CurrentUser user) {
        return lots.returnedLotsOf(user);
    }
}
