package org.labelcrew.task;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.Json;
import org.labelcrew.shared.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Reading tasks: the list with state filter and keyset paging, one task with its work, and its history. */
@Service
public class TaskQueries {

    static final List<String> STATES = List.of("NEW", "ASSIGNED", "SUBMITTED", "REJECTED", "APPROVED", "GOLD");

    private final JdbcClient jdbc;
    private final Json json;
    private final ProjectAccess access;

    TaskQueries(JdbcClient jdbc, Json json, ProjectAccess access) {
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
    }

    public record TaskRow(long id, @Schema(implementation = TaskState.class) String state, JsonNode data, Instant createdAt, Instant updatedAt) {
    }

    /** A page of tasks with the number of tasks that match the filter (from the trigger-kept counts, not a scan). */
    public record TaskPage(List<TaskRow> items, @Nullable String next, long total) {
    }

    /** What reviewers may filter by: gold items are not in their lists. */
    static final List<String> WORK_STATES = STATES.stream().filter(s -> !"GOLD".equals(s)).toList();

    /**
     * Managers list every task; reviewers every task but gold items (which must look like any other task to them,
     * so they are left out, and out of the count, rather than shown as gold).
     */
    public TaskPage list(long projectId, String state, String after, Integer limit, CurrentUser user) {
        ProjectAccess.Membership m = access.require(projectId, user, ProjectRole.MANAGER, ProjectRole.REVIEWER);
        List<String> allowed = m.role() == ProjectRole.MANAGER ? STATES : WORK_STATES;
        if (state != null && !state.isBlank() && !allowed.contains(state)) {
            throw ApiException.invalid(ApiException.FieldError.coded("state", "value.oneOf", "must be one of " + allowed,
                    "allowed", allowed));
        }
        int n = Page.limit(limit);
        String filter = state == null || state.isBlank()
                ? (m.role() == ProjectRole.MANAGER ? "" : " AND state <> 'GOLD'")
                : " AND state = :state";
        var spec = jdbc.sql("SELECT id, state, data, created_at, updated_at FROM task WHERE project_id = :p AND id > :after"
                        + filter + " ORDER BY id LIMIT :n")
                .param("p", projectId).param("after", Page.after(after)).param("n", n + 1);
        if (filter.contains(":state")) spec = spec.param("state", state);
        List<TaskRow> rows = spec.query((rs, i) -> new TaskRow(rs.getLong(1), rs.getString(2), json.column(rs, "data"),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant())).list();
        Page<TaskRow> page = Page.of(rows, n, TaskRow::id);
        var count = jdbc.sql("SELECT coalesce(sum(n), 0) FROM task_count WHERE project_id = :p" + filter)
                .param("p", projectId);
        if (filter.contains(":state")) count = count.param("state", state);
        return new TaskPage(page.items(), page.next(), count.query(Long.class).single());
    }

    /** {@code goldScore} and {@code goldFeedback}: a gold answer's score, shown to managers only. */
    public record AssignmentView(long id, String labeler, @Schema(implementation = AssignmentState.class) String state,
            @Nullable Instant leaseExpiresAt, @Nullable Double goldScore, @Nullable JsonNode goldFeedback) {
    }

    public record AnnotationView(long id, long assignmentId, String author,
            @Schema(implementation = AnnotationKind.class) String kind, int version, JsonNode result,
            Instant createdAt) {
    }

    /** {@code goldReference}: set on gold items, and shown to managers only (a labeler must never see it). */
    public record TaskView(long id, long projectId, @Schema(implementation = TaskState.class) String state,
            JsonNode data, @Nullable JsonNode goldReference,
            List<AssignmentView> assignments, List<AnnotationView> annotations) {
    }

    /**
     * Managers see everything; reviewers every task but gold items (404, as for a task not in their lists); a labeler
     * sees a task only through their own assignment, and only their own work on it. A gold item looks like any other
     * task to its labeler: its state and their assignment's read as those of ordinary work, with no score.
     */
    public TaskView get(long taskId, CurrentUser user) {
        long projectId = projectOf(taskId);
        ProjectAccess.Membership m = access.requireMember(projectId, user);
        if (m.role() == ProjectRole.REVIEWER && isGold(taskId)) throw ApiException.notFound("Task", taskId);
        Long onlyLabeler = null;
        if (m.role() == ProjectRole.LABELER) {
            boolean mine = jdbc.sql("SELECT exists(SELECT 1 FROM assignment WHERE task_id = :t AND labeler_id = :me)")
                    .param("t", taskId).param("me", user.id()).query(Boolean.class).single();
            if (!mine) {
                throw ApiException.forbidden("Task " + taskId + " is not assigned to you")
                        .withCode("task.notAssignedToYou", java.util.Map.of("taskId", taskId));
            }
            onlyLabeler = user.id();
        }
        boolean manager = m.role() == ProjectRole.MANAGER;
        record Head(String state, String data, String gold) {
        }
        Head head = jdbc.sql("SELECT state, data, gold_reference FROM task WHERE id = :t").param("t", taskId)
                .query((rs, i) -> new Head(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        List<AssignmentView> assignments = jdbc.sql("""
                SELECT a.id, acc.username, a.state, a.lease_expires_at, a.gold_score, a.gold_feedback FROM assignment a
                JOIN account acc ON acc.id = a.labeler_id
                WHERE a.task_id = :t AND (:only::bigint IS NULL OR a.labeler_id = :only) ORDER BY a.id""")
                .param("t", taskId).param("only", onlyLabeler)
                .query((rs, i) -> new AssignmentView(rs.getLong(1), rs.getString(2),
                        manager ? rs.getString(3) : ordinaryState(rs.getString(3)),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        manager ? (Double) rs.getObject(5) : null, manager ? json.column(rs, "gold_feedback") : null))
                .list();
        List<AnnotationView> annotations = jdbc.sql("""
                SELECT n.id, n.assignment_id, acc.username, n.kind, n.version, n.result, n.created_at
                FROM annotation n JOIN account acc ON acc.id = n.author_id JOIN assignment a ON a.id = n.assignment_id
                WHERE n.task_id = :t AND (:only::bigint IS NULL OR a.labeler_id = :only) ORDER BY n.id""")
                .param("t", taskId).param("only", onlyLabeler)
                .query((rs, i) -> new AnnotationView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), json.column(rs, "result"), rs.getTimestamp(7).toInstant()))
                .list();
        String state = head.state();
        if (!manager && "GOLD".equals(state)) {
            // What an ordinary task with overlap 1 would read as, from this labeler's own assignment.
            state = assignments.stream().anyMatch(x -> "LEASED".equals(x.state())) ? "ASSIGNED"
                    : assignments.stream().anyMatch(x -> "SUBMITTED".equals(x.state())) ? "SUBMITTED" : "NEW";
        }
        return new TaskView(taskId, projectId, state, json.parse(head.data()),
                manager ? json.parse(head.gold()) : null, assignments, annotations);
    }

    /** A scored gold answer reads as a submitted one to anyone but managers. */
    private static String ordinaryState(String assignmentState) {
        return "SCORED".equals(assignmentState) ? "SUBMITTED" : assignmentState;
    }

    private boolean isGold(long taskId) {
        return jdbc.sql("SELECT state = 'GOLD' FROM task WHERE id = :t").param("t", taskId).query(Boolean.class).single();
    }

    @Schema(name = "TaskEvent")
    public record Event(long id, String type, @Nullable String actor, @Nullable Long assignmentId, JsonNode detail,
            Instant at) {
    }

    /**
     * The task's event log, oldest first, opened by its creation (by import). Managers and reviewers; a gold item's
     * log (its answers' scores) is for managers only: 404 to reviewers, as the item is not in their lists.
     */
    public List<Event> history(long taskId, CurrentUser user) {
        long projectId = projectOf(taskId);
        ProjectAccess.Membership m = access.require(projectId, user, ProjectRole.MANAGER, ProjectRole.REVIEWER);
        if (m.role() != ProjectRole.MANAGER && isGold(taskId)) throw ApiException.notFound("Task", taskId);
        List<Event> out = new ArrayList<>();
        jdbc.sql("SELECT created_at, import_id FROM task WHERE id = :t").param("t", taskId)
                .query(rs -> {
                    var detail = json.object();
                    if (rs.getObject(2) != null) detail.put("importId", rs.getLong(2));
                    out.add(new Event(0, "CREATE", null, null, detail, rs.getTimestamp(1).toInstant()));
                });
        out.addAll(jdbc.sql("""
                SELECT e.id, e.type, acc.username, e.assignment_id, e.detail, e.at
                FROM task_event e LEFT JOIN account acc ON acc.id = e.actor_id
                WHERE e.task_id = :t ORDER BY e.id""")
                .param("t", taskId)
                .query((rs, i) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3),
                        (Long) rs.getObject(4), json.column(rs, "detail"), rs.getTimestamp(6).toInstant()))
                .list());
        return out;
    }

    private long projectOf(long taskId) {
        return jdbc.sql("SELECT project_id FROM task WHERE id = :t").param("t", taskId).query(Long.class).optional()
                .orElseThrow(() -> ApiException.notFound("Task", taskId));
    }
}
