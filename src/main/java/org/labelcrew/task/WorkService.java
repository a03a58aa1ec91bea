package org.labelcrew.task;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectSettings;
import org.labelcrew.schema.SchemaService;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.Json;
import org.labelcrew.shared.WorkPacer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** A labeler's work on one assignment: autosaved drafts, submit, skip. Only the assignment's labeler may act. */
@Service
public class WorkService {

    private final JdbcClient jdbc;
    private final Json json;
    private final ProjectAccess access;
    private final SchemaService schemas;
    private final GoldItems gold;
    private final TaskEvents events;
    private final ReviewRecords reviews;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    private final AutoPause autoPause;
    private final WorkPacer pacer;

    WorkService(JdbcClient jdbc, Json json, ProjectAccess access, SchemaService schemas, GoldItems gold, TaskEvents events,
            ReviewRecords reviews, Clock clock, ApplicationEventPublisher publisher, AutoPause autoPause, WorkPacer pacer) {
        this.pacer = pacer;
        this.publisher = publisher;
        this.jdbc = jdbc;
        this.autoPause = autoPause;
        this.gold = gold;
        this.json = json;
        this.access = access;
        this.schemas = schemas;
        this.events = events;
        this.reviews = reviews;
        this.clock = clock;
    }

    record Held(long id, long taskId, long projectId, long labelerId, String state, Instant leaseExpiresAt, String data,
            String goldReference, String memberRole, boolean paused) {
    }

    /**
     * Locks the assignment and checks it is the caller's live lease: 404 unknown, 403 someone else's, 403 when the
     * caller may no longer label in the project (removed, paused, another role: their leases ended then), 409 gone.
     */
    private Held holdLive(long assignmentId, CurrentUser user, Instant now) {
        pacer.personWorking(); // a running import gives way (P8)
        Held a = jdbc.sql("""
                SELECT a.id, a.task_id, a.project_id, a.labeler_id, a.state, a.lease_expires_at, t.data, t.gold_reference,
                       m.role, coalesce(m.paused, false)
                FROM assignment a JOIN task t ON t.id = a.task_id
                """ + ProjectAccess.membershipJoin("m", "a.project_id", "a.labeler_id") + "\n" + """
                WHERE a.id = :id FOR UPDATE OF a""")
                .param("id", assignmentId)
                .query((rs, i) -> new Held(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getBoolean(10)))
                .optional().orElseThrow(() -> ApiException.notFound("Assignment", assignmentId));
        if (a.labelerId() != user.id()) throw ApiException.forbidden("Assignment " + assignmentId + " is not yours")
                .withCode("work.notYours", Map.of("assignmentId", assignmentId));
        if (a.memberRole() == null) {
            throw ApiException.forbidden("You are no longer a member of project " + a.projectId()
                    + "; your leases there ended when a manager removed you")
                    .withCode("work.noLongerMember", Map.of("projectId", a.projectId()));
        }
        if (a.paused()) {
            throw ApiException.forbidden("Your work in project " + a.projectId()
                    + " is paused by a manager; your leases there ended when you were paused")
                    .withCode("work.paused", Map.of("projectId", a.projectId()));
        }
        // A manager works only assignments they opened themself (DirectAssign); the queue never hands them any.
        if (!"LABELER".equals(a.memberRole()) && !"MANAGER".equals(a.memberRole())) {
            throw ApiException.forbidden("You are no longer a labeler in project " + a.projectId() + " (your role is "
                    + a.memberRole() + "); your leases there ended when your role changed")
                    .withCode("work.noLongerLabeler", Map.of("projectId", a.projectId(), "role", a.memberRole()));
        }
        if (!"LEASED".equals(a.state())) {
            throw ApiException.conflict("Assignment " + assignmentId + " is " + a.state() + ", not open for work")
                    .withCode("work.notOpen", Map.of("assignmentId", assignmentId, "state", a.state()));
        }
        if (a.leaseExpiresAt() == null || !a.leaseExpiresAt().isAfter(now)) {
            throw ApiException.conflict("The lease on assignment " + assignmentId + " expired at " + a.leaseExpiresAt()
                    + "; your draft is kept — ask for the next task to get it back if it is still free")
                    .withCode("work.leaseExpired", Map.of("assignmentId", assignmentId, "at", String.valueOf(a.leaseExpiresAt())));
        }
        return a;
    }

    /** Saves a draft (not validated: work in progress) and extends the lease, since the labeler is clearly working. */
    @Transactional
    public Instant saveDraft(long assignmentId, JsonNode result, CurrentUser user) {
        if (result == null || !result.isObject()) throw ApiException.invalid(ApiException.FieldError.coded("result", "result.notObject",
                "must be an object keyed by field name"));
        Instant now = clock.instant();
        Held a = holdLive(assignmentId, user, now);
        ProjectSettings project = access.settings(a.projectId());
        Instant until = now.plus(Duration.ofMinutes(project.leaseMinutes()));
        jdbc.sql("UPDATE assignment SET draft = :d::jsonb, lease_expires_at = :until, updated_at = :now WHERE id = :id")
                .param("d", json.write(result)).param("until", Timestamp.from(until)).param("now", Timestamp.from(now))
                .param("id", assignmentId).update();
        return until;
    }

    public record Submitted(long assignmentId, @Schema(implementation = AssignmentState.class) String state,
            long annotationId, int version) {
    }

    @Transactional
    public Submitted submit(long assignmentId, JsonNode result, CurrentUser user) {
        Instant now = clock.instant();
        Held a = holdLive(assignmentId, user, now);
        ProjectSettings project = access.settings(a.projectId());
        JsonNode data = json.parse(a.data());
        schemas.checkResult(project.schema(), data, result);
        // A gold item: scored against its reference, done — never reviewed, holds no slot (refresh_task leaves gold
        // items alone).
        GoldItems.Scored scored = a.goldReference() == null ? null
                : gold.score(project.schema(), data, result, json.parse(a.goldReference()));
        // SAMPLE: the project's one rate, drawn at random. ADAPTIVE: the labeler's own rate now, drawn by a hash of the
        // assignment and the version this submit stores (ReviewDraw: reproducible, and a resubmission draws afresh).
        double rate = !project.adaptiveReview() ? project.sampleRate()
                : a.goldReference() != null ? 1.0 : reviews.inspectionRate(project, a.labelerId());
        boolean drawnForReview = switch (project.reviewMode()) {
            case "SAMPLE" -> ThreadLocalRandom.current().nextDouble() < rate;
            case "ADAPTIVE" -> !project.adaptiveReview() || rate >= 1.0 || ReviewDraw.uniform(assignmentId, jdbc.sql(
                    "SELECT " + TaskStore.NEXT_VERSION.formatted(":a")).param("a", assignmentId).query(Integer.class).single()) < rate;
            default -> true;
        };
        // Not drawn for review: approved by the sampling rule, recorded as such.
        String ordinary = drawnForReview ? "SUBMITTED" : "APPROVED";
        String state = scored != null ? "SCORED" : ordinary;
        // One statement stores the next version of the answer, logs it and closes the assignment: a submit is the
        // most frequent write, and each round trip saved is latency for everyone.
        record Stored(long annotationId, int version) {
        }
        Stored stored = jdbc.sql("""
                WITH ann AS (
                    INSERT INTO annotation (task_id, assignment_id, author_id, kind, version, schema_version, result, created_at)
                    SELECT :t, :a, :me, 'SUBMISSION', """ + TaskStore.NEXT_VERSION.formatted(":a") + """
                    , :sv, :r::jsonb, :now
                    RETURNING id, version),
                logged AS (
                    INSERT INTO task_event (task_id, project_id, type, actor_id, assignment_id, detail)
                    SELECT :t, :p, 'SUBMIT', :me, :a, jsonb_build_object('annotationId', ann.id, 'version', ann.version)
                    FROM ann),
                closed AS (
                    UPDATE assignment SET state = :s, draft = NULL, lease_expires_at = NULL, updated_at = :now,
                           accepted_annotation_id = CASE WHEN :s = 'APPROVED' THEN ann.id END,
                           gold_score = CAST(:gs AS double precision), gold_feedback = CAST(:gf AS jsonb)
                    FROM ann WHERE assignment.id = :a)
                SELECT id, version FROM ann""")
                .param("t", a.taskId()).param("a", assignmentId).param("me", user.id()).param("p", a.projectId())
                .param("sv", project.schemaVersion()).param("r", json.write(result)).param("now", Timestamp.from(now))
                .param("s", state)
                .param("gs", scored == null ? null : scored.score())
                .param("gf", scored == null ? null : json.write(scored.feedback()))
                .query((rs, i) -> new Stored(rs.getLong(1), rs.getInt(2))).single();
        long annotationId = stored.annotationId();
        int version = stored.version();
        if (scored != null) {
            events.append(a.taskId(), a.projectId(), TaskEvents.SCORE, null, assignmentId, Map.of("score", scored.score()));
            publisher.publishEvent(new GoldAnswered(a.projectId(), a.taskId(), assignmentId, a.labelerId(), now));
            autoPause.afterGoldAnswer(a.projectId(), a.labelerId(), a.taskId(), assignmentId, now);
            // Gold is secret: the labeler is answered exactly as an ordinary submit would be (no SCORED, no score).
            return new Submitted(assignmentId, ordinary, annotationId, version);
        }
        if (!drawnForReview) {
            reviews.approvedBySampling(assignmentId, annotationId, a.projectId(), rate, now);
            events.append(a.taskId(), a.projectId(), TaskEvents.AUTO_APPROVE, null, assignmentId,
                    Map.of("sampleRate", rate));
        }
        jdbc.sql("SELECT refresh_task(:t)").param("t", a.taskId()).query().rowSet();
        return new Submitted(assignmentId, state, annotationId, version);
    }

    /**
     * Gives the slot back; the labeler will not be offered this task again — except a gold item skipped for the first
     * time, which the gold link offers once more after the fresh ones ({@link Strategies.Gold}).
     */
    @Transactional
    public void skip(long assignmentId, String reason, CurrentUser user) {
        Instant now = clock.instant();
        Held a = holdLive(assignmentId, user, now);
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        if (why != null && why.length() > 1000) throw ApiException.invalid(ApiException.FieldError.coded("reason", "text.tooLong",
                "at most 1000 characters", "max", 1000));
        jdbc.sql("""
                UPDATE assignment SET state = 'SKIPPED', skip_reason = :r, lease_expires_at = NULL, updated_at = :now,
                       skips = skips + 1
                WHERE id = :id""")
                .param("r", why).param("now", Timestamp.from(now)).param("id", assignmentId).update();
        jdbc.sql("SELECT refresh_task(:t)").param("t", a.taskId()).query().rowSet();
        events.append(a.taskId(), a.projectId(), TaskEvents.SKIP, user.id(), assignmentId,
                why == null ? Map.of() : Map.of("reason", why));
    }
}
