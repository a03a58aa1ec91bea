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
import org.labelcrew.project.ProjectService;
import org.labelcrew.project.ProjectSettings;
import org.labelcrew.schema.SchemaService;
import org.labelcrew.shared.AdvisoryLock;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.shared.Json;
import org.labelcrew.task.TaskEvents;
import org.labelcrew.task.TaskStore;
import org.labelcrew.task.TaskState;
import org.springframework.context.annotation.Bean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
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
    private final TaskStore tasks;
    private final TaskEvents events;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    private final Lots lots;

    ReviewService(JdbcClient jdbc, Json json, ProjectAccess access, SchemaService schemas, TaskStore tasks,
            TaskEvents events, Clock clock, ApplicationEventPublisher publisher, Lots lots) {
        this.lots = lots;
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.json = json;
        this.access = access;
        this.schemas = schemas;
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
    }

    public record Labeler(long id, String username) {
    }

    /**
     * {@code earlier}: this is a resubmission — the labeler's work a reviewer rejected before, with that reviewer's
     * reason and the result they rejected, so the reviewer sees why it came back and what changed (issue 13).
     */
    public record ReviewItem(long reviewId, long taskId, long assignmentId, JsonNode data, JsonNode result,
            int version, Labeler labeler, JsonNode schema, Instant leaseExpiresAt, @Nullable EarlierRejection earlier) {
    }

    public record EarlierRejection(@Nullable String reason, @Nullable String reviewer, @Nullable Instant rejectedAt,
            JsonNode result) {
    }

    @Transactional
    public Optional<ReviewItem> next(long projectId, CurrentUser user) {
        requireReviewer(projectId, Optional.of(access.requireMember(projectId, user)), false);
        ProjectSettings project = access.settings(projectId);
        AdvisoryLock.NEXT_REVIEW.lock(jdbc, user.id());
        Instant now = clock.instant();
        Instant until = now.plus(Duration.ofMinutes(project.leaseMinutes()));
        Optional<Long> held = jdbc.sql("""
                SELECT id FROM review WHERE project_id = :p AND reviewer_id = :me AND verdict IS NULL
                  AND lease_expires_at > :now ORDER BY id LIMIT 1""")
                .param("p", projectId).param("me", user.id()).param("now", Timestamp.from(now))
                .query(Long.class).optional();
        if (held.isPresent()) return Optional.of(load(held.get(), project));
        // A lot's sample under inspection first: its decision waits on it (Lots).
        Optional<TaskStore.Submitted> picked = tasks.oldestSubmitted(projectId, user.id(), Lots.SAMPLED_FIRST);
        if (picked.isEmpty()) return Optional.empty();
        TaskStore.Submitted work = picked.get();
        long reviewId = jdbc.sql("""
                INSERT INTO review (assignment_id, annotation_id, project_id, reviewer_id, lease_expires_at, created_at)
                VALUES (:a, :ann, :p, :me, :until, :now) RETURNING id""")
                .param("a", work.assignmentId()).param("ann", work.annotationId()).param("p", projectId)
                .param("me", user.id()).param("until", Timestamp.from(until)).param("now", Timestamp.from(now))
                .query(Long.class).single();
        tasks.reviewStarted(work, projectId, user.id(), reviewId, now);
        return Optional.of(load(reviewId, project));
    }

    private ReviewItem load(long reviewId, ProjectSettings project) {
        return jdbc.sql("""
                SELECT r.id, w.task_id, w.assignment_id, w.data, w.result, w.version, acc.id, acc.username,
                       r.lease_expires_at
                FROM review r JOIN """ + TaskStore.annotatedWork() + """
                 w ON w.annotation_id = r.annotation_id
                JOIN account acc ON acc.id = w.labeler_id
                WHERE r.id = :r""")
                .param("r", reviewId)
                .query((rs, i) -> new ReviewItem(rs.getLong(1), rs.getLong(2), rs.getLong(3), json.column(rs, "data"),
                        json.column(rs, "result"), rs.getInt(6), new Labeler(rs.getLong(7), rs.getString(8)),
                        project.schema(), rs.getTimestamp(9).toInstant(), earlierRejection(reviewId)))
                .single();
    }

    /** The last rejection of the same assignment before this review, with the result it rejected; null if none. */
    private EarlierRejection earlierRejection(long reviewId) {
        return jdbc.sql("""
                SELECT prev.reason, acc.username, prev.decided_at, pw.result
                FROM review cur
                JOIN review prev ON prev.assignment_id = cur.assignment_id AND prev.id < cur.id AND prev.verdict = 'REJECT'
                JOIN """ + TaskStore.annotatedWork() + """
                 pw ON pw.annotation_id = prev.annotation_id
                LEFT JOIN account acc ON acc.id = prev.reviewer_id
                WHERE cur.id = :r ORDER BY prev.id DESC LIMIT 1""")
                .param("r", reviewId)
                .query((rs, i) -> new EarlierRejection(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), json.column(rs, "result")))
                .optional().orElse(null);
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
                Instant until, String assignmentState, long annotationId) {
        }
        Open r = jdbc.sql("""
                SELECT r.assignment_id, r.project_id, a.task_id, a.labeler_id, r.reviewer_id, r.verdict,
                       r.lease_expires_at, a.state, r.annotation_id
                FROM review r JOIN """ + TaskStore.assignments() + """
                 a ON a.id = r.assignment_id WHERE r.id = :r FOR UPDATE OF r, a""")
                .param("r", reviewId)
                .query((rs, i) -> new Open(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        (Long) rs.getObject(5), rs.getString(6),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getString(8),
                        rs.getLong(9)))
                .optional().orElseThrow(() -> ApiException.notFound("Review", reviewId));
        // Read after the lock, so that a membership change that ended this lease is seen (its transaction held the row).
        requireReviewer(r.projectId(), access.membership(r.projectId(), user),
                r.reviewerId() != null && r.reviewerId() == user.id());
        if (r.labelerId() == user.id()) throw ApiException.forbidden("You cannot review your own work")
                .withCode("review.ownWork", Map.of("reviewId", reviewId));
        if (r.reviewerId() == null || r.reviewerId() != user.id()) {
            throw ApiException.forbidden("Review " + reviewId + " is assigned to another reviewer")
                    .withCode("review.notYours", Map.of("reviewId", reviewId));
        }
        if (r.verdict() != null) throw ApiException.conflict("Review " + reviewId + " is already decided: " + r.verdict())
                .withCode("review.alreadyDecided", Map.of("reviewId", reviewId, "verdict", r.verdict()));
        Instant now = clock.instant();
        if (!"IN_REVIEW".equals(r.assignmentState()) || r.until() == null || !r.until().isAfter(now)) {
            throw ApiException.conflict("The review lease expired; ask for the next review")
                    .withCode("review.leaseExpired", Map.of("reviewId", reviewId));
        }
        if (decision.verdict() == null) throw ApiException.invalid(FieldError.coded("verdict", "value.oneOf",
                "must be APPROVE, REJECT or CORRECT", "allowed", List.of("APPROVE", "REJECT", "CORRECT")));
        String reason = decision.reason() == null || decision.reason().isBlank() ? null : decision.reason().trim();
        if (reason != null && reason.length() > 2000) throw ApiException.invalid(FieldError.coded("reason", "text.tooLong",
                "at most 2000 characters", "max", 2000));
        Long correctionId = null;
        String assignmentState;
        switch (decision.verdict()) {
            case APPROVE -> assignmentState = "APPROVED";
            case REJECT -> {
                if (reason == null) throw ApiException.invalid(FieldError.coded("reason", "review.reasonToReject",
                        "is required to reject: tell the labeler what to fix"));
                assignmentState = "REJECTED";
            }
            case CORRECT -> {
                if (decision.result() == null) throw ApiException.invalid(FieldError.coded("result", "review.resultToCorrect",
                        "is required to correct"));
                ProjectSettings project = access.settings(r.projectId());
                JsonNode data = tasks.data(r.taskId());
                schemas.checkResult(project.schema(), data, decision.result());
                correctionId = tasks.storeVersion(r.taskId(), r.assignmentId(), user.id(), TaskStore.Kind.CORRECTION,
                        project.schemaVersion(), decision.result(), now).annotationId();
                assignmentState = "APPROVED";
            }
            default -> throw new IllegalStateException();
        }
        jdbc.sql("UPDATE review SET verdict = :v, reason = :reason, correction_id = :c, decided_at = :now WHERE id = :r")
                .param("v", decision.verdict().name()).param("reason", reason).param("c", correctionId)
                .param("now", Timestamp.from(now)).param("r", reviewId).update();
        // An approval records what it accepted (the correction, else the reviewed submission) and who accepted it.
        boolean approved = "APPROVED".equals(assignmentState);
        String taskState = tasks.reviewDecided(r.assignmentId(), r.taskId(), approved,
                correctionId != null ? correctionId : r.annotationId(), user.id(), now);
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("reviewId", reviewId);
        if (reason != null) detail.put("reason", reason);
        if (correctionId != null) detail.put("correctionId", correctionId);
        events.append(r.taskId(), r.projectId(), decision.verdict().name(), user.id(), r.assignmentId(), detail);
        // In this transaction: what listeners record (pay's ledger) stands or falls with the decision.
        publisher.publishEvent(new WorkReviewed(reviewId, r.projectId(), r.assignmentId(), decision.verdict().name(),
                approved ? (Long) (correctionId != null ? correctionId : r.annotationId()) : null, user.id(), now));
        lots.afterReview(r.assignmentId(), now);
        return new Decided(reviewId, decision.verdict(), taskState, correctionId);
    }

    /**
     * 403 unless the caller's membership {@code m} lets them review in the project now: reviewer or manager, not
     * paused. The detail names the project and why; {@code heldLease}: the caller held a review lease there, which
     * ended then.
     */
    private static void requireReviewer(long projectId, Optional<ProjectAccess.Membership> m, boolean heldLease) {
        String ended = heldLease ? "; your review leases there ended when " : "";
        if (m.isEmpty()) {
            throw ApiException.forbidden(heldLease
                    ? "You are no longer a member of project " + projectId + ended + "a manager removed you"
                    : "You are not a member of project " + projectId)
                    .withCode(heldLease ? "review.noLongerMember" : "project.notMember", Map.of("projectId", projectId));
        }
        if (m.get().role() != ProjectRole.REVIEWER && m.get().role() != ProjectRole.MANAGER) {
            throw ApiException.forbidden("You are " + (heldLease ? "no longer" : "not") + " a reviewer in project "
                    + projectId + " (your role is " + m.get().role() + ")" + (heldLease ? ended + "your role changed" : ""))
                    .withCode(heldLease ? "review.noLongerReviewer" : "review.notReviewer",
                            Map.of("projectId", projectId, "role", m.get().role().name()));
        }
        if (m.get().paused()) {
            throw ApiException.forbidden("Your work in project " + projectId + " is paused by a manager"
                    + (heldLease ? ended + "you were paused" : "")).withCode(heldLease ? "review.pausedLeaseEnded" : "project.paused",
                            Map.of("projectId", projectId));
        }
    }

    /**
     * Ends at once every review lease a person holds in a project they may no longer review in, in the transaction
     * that made the change: the work goes back to the review queue for someone else, and their decisions on it are
     * refused from then on (403, see {@link #requireReviewer}).
     */
    @EventListener
    void reviewingEnded(ProjectService.ReviewingEnded e) {
        Instant now = clock.instant();
        record Ended(long reviewId, long assignmentId) {
        }
        List<Ended> ended = jdbc.sql("""
                UPDATE review SET verdict = 'EXPIRED', lease_expires_at = least(lease_expires_at, :now), decided_at = :now
                WHERE project_id = :p AND reviewer_id = :a AND verdict IS NULL RETURNING id, assignment_id""")
                .param("now", Timestamp.from(now)).param("p", e.projectId()).param("a", e.accountId())
                .query((rs, i) -> new Ended(rs.getLong(1), rs.getLong(2))).list();
        for (Ended x : ended) tasks.reviewExpired(x.assignmentId(), e.projectId(), x.reviewId());
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
        for (Expired e : expired) tasks.reviewExpired(e.assignmentId(), e.projectId(), e.reviewId());
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
