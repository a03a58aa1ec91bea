package org.labelcrew.review;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.project.ProjectSettings;
import org.labelcrew.schema.SchemaService;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.Json;
import org.labelcrew.task.TaskEvents;
import org.labelcrew.task.TaskState;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Review: a reviewer takes the oldest submitted work of someone else (never their own), then approves, rejects with
 * a reason (the work goes back to its labeler first) or corrects it (a new annotation version; the submission is
 * never overwritten).
 */
@Service
public class ReviewService {

    public enum Verdict { APPROVE, REJECT, CORRECT }

    private final JdbcClient jdbc;
    private final Json json;
    private final ProjectAccess access;
    private final SchemaService schemas;
    private final TaskEvents events;
    private final Clock clock;

    ReviewService(JdbcClient jdbc, Json json, ProjectAccess access, SchemaService schemas, TaskEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
        this.schemas = schemas;
        this.events = events;
        this.clock = clock;
    }

    public record Labeler(long id, String username) {
    }

    public record ReviewItem(long reviewId, long taskId, long assignmentId, JsonNode data, JsonNode result,
            int version, Labeler labeler, JsonNode schema, Instant leaseExpiresAt) {
    }

    @Transactional
    public Optional<ReviewItem> next(long projectId, CurrentUser user) {
        access.requireActive(projectId, user, ProjectRole.REVIEWER, ProjectRole.MANAGER);
        ProjectSettings project = access.settings(projectId);
        jdbc.sql("SELECT pg_advisory_xact_lock(:p, :me)").param("p", (int) projectId).param("me", (int) -user.id())
                .query().rowSet();
        Instant now = clock.instant();
        Instant until = now.plus(Duration.ofMinutes(project.leaseMinutes()));
        Optional<Long> held = jdbc.sql("""
                SELECT id FROM review WHERE project_id = :p AND reviewer_id = :me AND verdict IS NULL
                  AND lease_expires_at > :now ORDER BY id LIMIT 1""")
                .param("p", projectId).param("me", user.id()).param("now", Timestamp.from(now))
                .query(Long.class).optional();
        if (held.isPresent()) return Optional.of(load(held.get(), project));
        record Picked(long assignmentId, long taskId) {
        }
        Optional<Picked> picked = jdbc.sql("""
                SELECT id, task_id FROM assignment
                WHERE project_id = :p AND state = 'SUBMITTED' AND labeler_id <> :me
                ORDER BY updated_at, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .param("p", projectId).param("me", user.id())
                .query((rs, i) -> new Picked(rs.getLong(1), rs.getLong(2))).optional();
        if (picked.isEmpty()) return Optional.empty();
        long assignmentId = picked.get().assignmentId();
        long annotationId = jdbc.sql("SELECT id FROM annotation WHERE assignment_id = :a ORDER BY version DESC LIMIT 1")
                .param("a", assignmentId).query(Long.class).single();
        long reviewId = jdbc.sql("""
                INSERT INTO review (assignment_id, annotation_id, project_id, reviewer_id, lease_expires_at, created_at)
                VALUES (:a, :ann, :p, :me, :until, :now) RETURNING id""")
                .param("a", assignmentId).param("ann", annotationId).param("p", projectId).param("me", user.id())
                .param("until", Timestamp.from(until)).param("now", Timestamp.from(now))
                .query(Long.class).single();
        jdbc.sql("UPDATE assignment SET state = 'IN_REVIEW', updated_at = :now WHERE id = :a")
                .param("now", Timestamp.from(now)).param("a", assignmentId).update();
        jdbc.sql("SELECT refresh_task(:t)").param("t", picked.get().taskId()).query().rowSet();
        events.append(picked.get().taskId(), projectId, TaskEvents.REVIEW_START, user.id(), assignmentId,
                Map.of("reviewId", reviewId));
        return Optional.of(load(reviewId, project));
    }

    private ReviewItem load(long reviewId, ProjectSettings project) {
        return jdbc.sql("""
                SELECT r.id, a.task_id, a.id, t.data, n.result, n.version, acc.id, acc.username, r.lease_expires_at
                FROM review r JOIN assignment a ON a.id = r.assignment_id JOIN task t ON t.id = a.task_id
                JOIN annotation n ON n.id = r.annotation_id JOIN account acc ON acc.id = a.labeler_id
                WHERE r.id = :r""")
                .param("r", reviewId)
                .query((rs, i) -> new ReviewItem(rs.getLong(1), rs.getLong(2), rs.getLong(3), json.column(rs, "data"),
                        json.column(rs, "result"), rs.getInt(6), new Labeler(rs.getLong(7), rs.getString(8)),
                        project.schema(), rs.getTimestamp(9).toInstant()))
                .single();
    }

    @Schema(name = "ReviewDecision")
    public record Decision(Verdict verdict, String reason, JsonNode result) {
    }

    public record Decided(long reviewId, Verdict verdict, @Schema(implementation = TaskState.class) String taskState,
            @Nullable Long correctionId) {
    }

    @Transactional
    public Decided decide(long reviewId, Decision decision, CurrentUser user) {
        record Open(long assignmentId, long projectId, long taskId, long labelerId, Long reviewerId, String verdict,
                Instant until, String assignmentState) {
        }
        Open r = jdbc.sql("""
                SELECT r.assignment_id, r.project_id, a.task_id, a.labeler_id, r.reviewer_id, r.verdict,
                       r.lease_expires_at, a.state
                FROM review r JOIN assignment a ON a.id = r.assignment_id WHERE r.id = :r FOR UPDATE OF r, a""")
                .param("r", reviewId)
                .query((rs, i) -> new Open(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        (Long) rs.getObject(5), rs.getString(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getString(8)))
                .optional().orElseThrow(() -> ApiException.notFound("Review", reviewId));
        access.require(r.projectId(), user, ProjectRole.REVIEWER);
        if (r.labelerId() == user.id()) throw ApiException.forbidden("You cannot review your own work");
        if (r.reviewerId() == null || r.reviewerId() != user.id()) {
            throw ApiException.forbidden("Review " + reviewId + " is assigned to another reviewer");
        }
        if (r.verdict() != null) throw ApiException.conflict("Review " + reviewId + " is already decided: " + r.verdict());
        Instant now = clock.instant();
        if (!"IN_REVIEW".equals(r.assignmentState()) || r.until() == null || !r.until().isAfter(now)) {
            throw ApiException.conflict("The review lease expired; ask for the next review");
        }
        if (decision.verdict() == null) throw ApiException.invalid("verdict", "must be APPROVE, REJECT or CORRECT");
        String reason = decision.reason() == null || decision.reason().isBlank() ? null : decision.reason().trim();
        if (reason != null && reason.length() > 2000) throw ApiException.invalid("reason", "at most 2000 characters");
        Long correctionId = null;
        String assignmentState;
        switch (decision.verdict()) {
            case APPROVE -> assignmentState = "APPROVED";
            case REJECT -> {
                if (reason == null) throw ApiException.invalid("reason", "is required to reject: tell the labeler what to fix");
                assignmentState = "REJECTED";
            }
            case CORRECT -> {
                if (decision.result() == null) throw ApiException.invalid("result", "is required to correct");
                ProjectSettings project = access.settings(r.projectId());
                JsonNode data = jdbc.sql("SELECT data FROM task WHERE id = :t").param("t", r.taskId())
                        .query((rs, i) -> json.column(rs, "data")).single();
                schemas.checkResult(project.schema(), data, decision.result());
                int version = jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM annotation WHERE assignment_id = :a")
                        .param("a", r.assignmentId()).query(Integer.class).single();
                correctionId = jdbc.sql("""
                        INSERT INTO annotation (task_id, assignment_id, author_id, kind, version, schema_version, result, created_at)
                        VALUES (:t, :a, :me, 'CORRECTION', :v, :sv, :res::jsonb, :now) RETURNING id""")
                        .param("t", r.taskId()).param("a", r.assignmentId()).param("me", user.id()).param("v", version)
                        .param("sv", project.schemaVersion()).param("res", json.write(decision.result()))
                        .param("now", Timestamp.from(now)).query(Long.class).single();
                assignmentState = "APPROVED";
            }
            default -> throw new IllegalStateException();
        }
        jdbc.sql("UPDATE review SET verdict = :v, reason = :reason, correction_id = :c, decided_at = :now WHERE id = :r")
                .param("v", decision.verdict().name()).param("reason", reason).param("c", correctionId)
                .param("now", Timestamp.from(now)).param("r", reviewId).update();
        // An approval records what it accepted (the correction, else the reviewed submission) and who accepted it.
        boolean approved = "APPROVED".equals(assignmentState);
        jdbc.sql("""
                UPDATE assignment SET state = :s, updated_at = :now,
                       accepted_annotation_id = CASE WHEN :approved
                           THEN coalesce(CAST(:c AS bigint), (SELECT annotation_id FROM review WHERE id = :r)) END,
                       accepted_by = CASE WHEN :approved THEN CAST(:me AS bigint) END
                WHERE id = :a""")
                .param("s", assignmentState).param("now", Timestamp.from(now)).param("approved", approved)
                .param("c", correctionId).param("r", reviewId).param("me", user.id()).param("a", r.assignmentId())
                .update();
        String taskState = jdbc.sql("SELECT refresh_task(:t)").param("t", r.taskId()).query(String.class).single();
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("reviewId", reviewId);
        if (reason != null) detail.put("reason", reason);
        if (correctionId != null) detail.put("correctionId", correctionId);
        events.append(r.taskId(), r.projectId(), decision.verdict().name(), user.id(), r.assignmentId(), detail);
        return new Decided(reviewId, decision.verdict(), taskState, correctionId);
    }

    /** Review leases that ran out put the work back in the review queue. */
    @Transactional
    public int sweep() {
        Instant now = clock.instant();
        record Expired(long reviewId, long assignmentId, long projectId) {
        }
        List<Expired> expired = jdbc.sql("""
                UPDATE review SET verdict = 'EXPIRED', decided_at = :now
                WHERE verdict IS NULL AND lease_expires_at <= :now RETURNING id, assignment_id, project_id""")
                .param("now", Timestamp.from(now))
                .query((rs, i) -> new Expired(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
        for (Expired e : expired) {
            Long taskId = jdbc.sql("""
                    UPDATE assignment SET state = 'SUBMITTED' WHERE id = :a AND state = 'IN_REVIEW' RETURNING task_id""")
                    .param("a", e.assignmentId()).query(Long.class).optional().orElse(null);
            if (taskId != null) {
                jdbc.sql("SELECT refresh_task(:t)").param("t", taskId).query().rowSet();
                events.append(taskId, e.projectId(), TaskEvents.REVIEW_EXPIRE, null, e.assignmentId(),
                        Map.of("reviewId", e.reviewId()));
            }
        }
        return expired.size();
    }

    @Configuration(proxyBeanMethods = false)
    static class Schedule {
        @Bean
        RecurringTask<Void> reviewSweeperTask(ReviewService reviews) {
            return Tasks.recurring("review-sweeper", FixedDelay.ofSeconds(30)).execute((instance, ctx) -> reviews.sweep());
        }
    }
}
