package org.labelcrew.task;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.shared.InputLimits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Comments on a task between its labeler, reviewer and manager. A comment is an event of the task's append-only log
 * (type {@code COMMENT}, detail {@code {"text": …}}), so it shows in the task's history in its place and is never
 * edited or lost. Who may read and write: the project's members who may see the task — managers, reviewers (not on a
 * gold item: it is not in their lists), and a labeler on a task they worked. Everyone else gets 404, so the API does
 * not tell whether the task exists.
 */
@Service
public class TaskComments {

    public static final String COMMENT = "COMMENT";

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final TaskEvents events;

    TaskComments(JdbcClient jdbc, ProjectAccess access, TaskEvents events) {
        this.jdbc = jdbc;
        this.access = access;
        this.events = events;
    }

    @Schema(name = "CommentAuthor")
    public record Author(long id, String username, String displayName) {
    }

    @Schema(name = "TaskComment")
    public record Comment(long id, Author author, String text, Instant createdAt) {
    }

    public List<Comment> list(long taskId, CurrentUser user) {
        requireReader(taskId, user);
        return jdbc.sql("""
                SELECT e.id, acc.id, acc.username, acc.display_name, e.detail ->> 'text', e.at
                FROM task_event e JOIN account acc ON acc.id = e.actor_id
                WHERE e.task_id = :t AND e.type = :type ORDER BY e.id""")
                .param("t", taskId).param("type", COMMENT)
                .query((rs, i) -> new Comment(rs.getLong(1), new Author(rs.getLong(2), rs.getString(3), rs.getString(4)),
                        rs.getString(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    @Transactional
    public Comment add(long taskId, String text, CurrentUser user) {
        long projectId = requireReader(taskId, user);
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw ApiException.invalid("text: must not be blank", List.of(FieldError.coded("text", "value.blank", "must not be blank")))
                    .withCode("value.blank", Map.of());
        }
        if (t.codePointCount(0, t.length()) > InputLimits.COMMENT_MAX) {
            String why = "must be at most " + InputLimits.COMMENT_MAX + " characters";
            throw ApiException.invalid("text: " + why, List.of(FieldError.coded("text", "text.tooLong", why, "max", InputLimits.COMMENT_MAX)))
                    .withCode("text.tooLong", Map.of("max", InputLimits.COMMENT_MAX));
        }
        if (InputLimits.hasControlCharacters(t, true)) {
            throw ApiException.invalid("text: must not hold control characters", List.of(FieldError.coded("text",
                    "text.controlCharactersButBreaks", "must not hold control characters"))).withCode("text.controlCharactersButBreaks", Map.of());
        }
        events.append(taskId, projectId, COMMENT, user.id(), null, Map.of("text", t));
        List<Comment> all = list(taskId, user);
        return all.get(all.size() - 1);
    }

    /** The task's project when the caller may read its comments; 404 otherwise. */
    private long requireReader(long taskId, CurrentUser user) {
        record Row(long projectId, boolean gold) {
        }
        Row task = jdbc.sql("SELECT project_id, state = 'GOLD' FROM task WHERE id = :t").param("t", taskId)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getBoolean(2))).optional()
                .orElseThrow(() -> ApiException.notFound("Task", taskId));
        ProjectAccess.Membership m = access.membership(task.projectId(), user)
                .orElseThrow(() -> ApiException.notFound("Task", taskId));
        boolean ok = switch (m.role()) {
            case MANAGER -> true;
            case REVIEWER -> !task.gold();
            case LABELER -> jdbc.sql("SELECT exists(SELECT 1 FROM assignment WHERE task_id = :t AND labeler_id = :me)")
                    .param("t", taskId).param("me", user.id()).query(Boolean.class).single();
        };
        if (!ok) throw ApiException.notFound("Task", taskId);
        return task.projectId();
    }
}
