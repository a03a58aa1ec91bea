package org.labelcrew.academy;

import java.util.List;
import org.labelcrew.account.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1")
class ExamController {

    private final Exams exams;

    ExamController(Exams exams) {
        this.exams = exams;
    }

    @PostMapping("/exams")
    @ResponseStatus(HttpStatus.CREATED)
    Exams.Exam create(@AuthenticationPrincipal CurrentUser user, @RequestBody Exams.ExamRequest body) {
        return exams.create(body, user);
    }

    @GetMapping("/exams")
    List<Exams.ExamSummary> list(@AuthenticationPrincipal CurrentUser user) {
        return exams.list(user);
    }

    /** With items and references: managers only. */
    @GetMapping("/exams/{id}")
    Exams.Exam get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return exams.get(id, user);
    }

    /** 201 with a new attempt, or 200 with the caller's attempt still running. */
    @PostMapping("/exams/{id}/attempts")
    ResponseEntity<Exams.Attempt> start(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        Exams.Started s = exams.start(id, user);
        return ResponseEntity.status(s.created() ? HttpStatus.CREATED : HttpStatus.OK).body(s.attempt());
    }

    @GetMapping("/attempts/{id}")
    Exams.AttemptView attempt(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return exams.view(id, user);
    }

    record AnswerBody(JsonNode result) {
    }

    @PutMapping("/attempts/{id}/answers/{itemId}")
    Exams.Saved answer(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @PathVariable long itemId,
            @RequestBody AnswerBody body) {
        return exams.saveAnswer(id, itemId, body.result(), user);
    }

    @PostMapping("/attempts/{id}/submit")
    Exams.Result submit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return exams.submit(id, user);
    }
}
