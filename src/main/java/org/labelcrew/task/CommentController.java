package org.labelcrew.task;

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

/** Comments on a task (issue 13): labeler ↔ reviewer ↔ manager, kept in the task's history. */
@RestController
@RequestMapping("/api/v1")
class CommentController {

    private final TaskComments comments;

    CommentController(TaskComments comments) {
        this.comments = comments;
    }

    record CommentRequest(String text) {
    }

    @GetMapping("/tasks/{id}/comments")
    List<TaskComments.Comment> list(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return comments.list(id, user);
    }

    @PostMapping("/tasks/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    TaskComments.Comment add(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody CommentRequest body) {
        return comments.add(id, body.text(), user);
    }
}
