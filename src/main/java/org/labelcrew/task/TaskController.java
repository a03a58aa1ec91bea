package org.labelcrew.task;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.labelcrew.account.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1")
class TaskController {

    private final TaskQueue queue;
    private final WorkService work;
    private final TaskQueries queries;

    private final GoldItems gold;

    private final DirectAssign direct;

    TaskController(TaskQueue queue, WorkService work, TaskQueries queries, GoldItems gold, DirectAssign direct) {
        this.direct = direct;
        this.queue = queue;
        this.work = work;
        this.queries = queries;
        this.gold = gold;
    }

    @PostMapping("/projects/{id}/next-task")
    ResponseEntity<Lease> next(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return queue.next(id, user).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    record ResultBody(JsonNode result) {
    }

    record ReasonBody(String reason) {
    }

    record GoldBody(JsonNode reference) {
    }

    @PutMapping("/assignments/{id}/draft")
    Map<String, Instant> draft(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody ResultBody body) {
        return Map.of("leaseExpiresAt", work.saveDraft(id, body.result(), user));
    }

    @PostMapping("/assignments/{id}/submit")
    WorkService.Submitted submit(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody ResultBody body) {
        return work.submit(id, body.result(), user);
    }

    @PostMapping("/assignments/{id}/skip")
    ResponseEntity<Void> skip(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody(required = false) ReasonBody body) {
        work.skip(id, body == null ? null : body.reason(), user);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    @GetMapping("/projects/{id}/tasks")
    TaskQueries.TaskPage list(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(required = false) String state, @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit) {
        return queries.list(id, state, after, limit, user);
    }

    @GetMapping("/tasks/{id}")
    TaskQueries.TaskView get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return queries.get(id, user);
    }

    @GetMapping("/tasks/{id}/history")
    List<TaskQueries.Event> history(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return queries.history(id, user);
    }

    @PutMapping("/tasks/{id}/gold")
    GoldItems.GoldView putGold(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody GoldBody body) {
        return gold.put(id, body == null ? null : body.reference(), user);
    }

    @GetMapping("/tasks/{id}/gold")
    GoldItems.GoldView getGold(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        return gold.get(id, user);
    }

    record AssignBody(@org.jspecify.annotations.Nullable Long accountId) {
    }

    /** A manager gives the task to a labeler of the project, or opens it for themself (their own account id). */
    @PostMapping("/tasks/{id}/assign")
    ResponseEntity<DirectAssign.Assigned> assign(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestBody(required = false) AssignBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(direct.assign(id, body == null ? null : body.accountId(), user));
    }

    @DeleteMapping("/tasks/{id}/gold")
    ResponseEntity<Void> deleteGold(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        gold.delete(id, user);
        return ResponseEntity.noContent().build();
    }
}
