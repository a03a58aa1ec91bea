package org.labelcrew.task;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labelcrew.project.ProjectWork;
import org.labelcrew.shared.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Task's tables ({@code task}, {@code assignment}, {@code annotation}, {@code task_event}, {@code task_count},
 * {@code refresh_task()}) as the other features may use them: review, io, project, quality and academy call these
 * methods and never name the tables in their own SQL ({@code TableOwnershipTest}).
 * <p>
 * Where a caller's statement must stay one statement (the review queue, the streamed export, a report), a method hands
 * out a SQL fragment — a sub-select PostgreSQL folds into the caller's plan — rather than a second round trip. A
 * fragment comes with a space on either side, so that it can be concatenated after a keyword of a text block (whose
 * trailing spaces Java strips).
 */
@Component
public class TaskStore implements ProjectWork {

    /** The newest version of an assignment's annotation; {@code %s} is the assignment id (a column or parameter). */
    static final String LATEST_ANNOTATION =
            "(SELECT x.id FROM annotation x WHERE x.assignment_id = %s ORDER BY x.version DESC LIMIT 1)";
    /** The version an assignment's next annotation gets; {@code %s} is the assignment id. */
    static final String NEXT_VERSION = "(SELECT coalesce(max(x.version), 0) + 1 FROM annotation x WHERE x.assignment_id = %s)";

    private final JdbcClient jdbc;
    private final Json json;
    private final TaskEvents events;

    TaskStore(JdbcClient jdbc, Json json, TaskEvents events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    /** SQL: the id of the newest annotation of the assignment {@code assignmentId} names (a column or a parameter). */
    public static String latestAnnotationId(String assignmentId) {
        return " " + LATEST_ANNOTATION.formatted(assignmentId) + " ";
    }

    // ---- annotations

    public enum Kind { SUBMISSION, CORRECTION }

    public record Version(long annotationId, int version) {
    }

    /** Stores the assignment's next annotation version (a submission is never overwritten), in one statement. */
    public Version storeVersion(long taskId, long assignmentId, long authorId, Kind kind, int schemaVersion,
            JsonNode result, Instant at) {
        return jdbc.sql("""
                INSERT INTO annotation (task_id, assignment_id, author_id, kind, version, schema_version, result, created_at)
                SELECT :t, :a, :me, :kind, """ + NEXT_VERSION.formatted(":a") + """
                , :sv, :r::jsonb, :at RETURNING id, version""")
                .param("t", taskId).param("a", assignmentId).param("me", authorId).param("kind", kind.name())
                .param("sv", schemaVersion).param("r", json.write(result)).param("at", Timestamp.from(at))
                .query((rs, i) -> new Version(rs.getLong(1), rs.getInt(2))).single();
    }

    /** A task's item data (what labelers see). */
    public JsonNode data(long taskId) {
        return jdbc.sql("SELECT data FROM task WHERE id = :t").param("t", taskId)
                .query((rs, i) -> json.column(rs, "data")).single();
    }

    /**
     * Re-derives a task's state, held slots and approvals from its assignments (the one place that rule lives: the
     * database function {@code refresh_task}); returns the state, null for a gold item (which has no workflow state).
     */
    public String refresh(long taskId) {
        return jdbc.sql("SELECT refresh_task(:t)").param("t", taskId).query((rs, i) -> rs.getString(1)).list().get(0);
    }

    // ---- the review queue

    /** Submitted work taken for review, locked: its assignment, task and newest annotation. */
    public record Submitted(long assignmentId, long taskId, long annotationId) {
    }

    /**
     * The oldest submitted work of someone other than the reviewer, locked ({@code SKIP LOCKED}: reviewers never wait
     * on each other) with its newest annotation, in one statement.
     */
    public Optional<Submitted> oldestSubmitted(long projectId, long reviewerId) {
        return oldestSubmitted(projectId, reviewerId, null);
    }

    /**
     * As {@link #oldestSubmitted(long, long)}, but work for which {@code firstSql} (a boolean SQL expression over the
     * assignment {@code a}, from its caller: review's lot samples) holds comes before the rest.
     */
    public Optional<Submitted> oldestSubmitted(long projectId, long reviewerId, @org.jspecify.annotations.Nullable String firstSql) {
        return jdbc.sql("""
                SELECT a.id, a.task_id, """ + latestAnnotationId("a.id") + """
                FROM assignment a
                WHERE a.project_id = :p AND a.state = 'SUBMITTED' AND a.labeler_id <> :me
                ORDER BY\s""" + (firstSql == null ? "" : "(" + firstSql + ") DESC, ") + """
                a.updated_at, a.id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .param("p", projectId).param("me", reviewerId)
                .query((rs, i) -> new Submitted(rs.getLong(1), rs.getLong(2), rs.getLong(3))).optional();
    }

    /** The work is in review now: the assignment says so, the task is refreshed and the start is logged. */
    public void reviewStarted(Submitted work, long projectId, long reviewerId, long reviewId, Instant now) {
        jdbc.sql("UPDATE assignment SET state = 'IN_REVIEW', updated_at = :now WHERE id = :a")
                .param("now", Timestamp.from(now)).param("a", work.assignmentId()).update();
        refresh(work.taskId());
        events.append(work.taskId(), projectId, TaskEvents.REVIEW_START, reviewerId, work.assignmentId(),
                Map.of("reviewId", reviewId));
    }

    /**
     * SQL: a sub-select of every assignment with the columns review reads ({@code id, task_id, project_id, labeler_id,
     * state}); join it as {@code a} and lock it with {@code FOR UPDATE OF a}.
     */
    public static String assignments() {
        return " (SELECT id, task_id, project_id, labeler_id, state FROM assignment) ";
    }

    /**
     * SQL: a sub-select of every annotation with what a reviewer sees beside it ({@code annotation_id, result, version,
     * assignment_id, task_id, labeler_id, data}: the task's item data and the labeler's account id).
     */
    public static String annotatedWork() {
        return """
                 (SELECT n.id AS annotation_id, n.result, n.version, a.id AS assignment_id, a.task_id, a.labeler_id, t.data
                  FROM annotation n JOIN assignment a ON a.id = n.assignment_id JOIN task t ON t.id = a.task_id)\s""";
    }

    /**
     * A review's decision on the assignment: APPROVED (recording the annotation it accepted and who accepted it) or
     * REJECTED (back to its labeler first). Returns the task's state after the change.
     */
    public String reviewDecided(long assignmentId, long taskId, boolean approved, long acceptedAnnotationId,
            long reviewerId, Instant now) {
        jdbc.sql("""
                UPDATE assignment SET state = :s, updated_at = :now,
                       accepted_annotation_id = CASE WHEN :approved THEN CAST(:ann AS bigint) END,
                       accepted_by = CASE WHEN :approved THEN CAST(:me AS bigint) END
                WHERE id = :a""")
                .param("s", approved ? "APPROVED" : "REJECTED").param("now", Timestamp.from(now))
                .param("approved", approved).param("ann", acceptedAnnotationId).param("me", reviewerId)
                .param("a", assignmentId).update();
        return refresh(taskId);
    }

    /**
     * Approves submitted work without a reviewer (an accepted lot's undrawn items): only if it is still SUBMITTED
     * (locked, so a reviewer taking it at the same moment wins or waits), accepting its newest annotation; logged as
     * AUTO_APPROVE with {@code detail}. Returns the work if it was approved.
     */
    public Optional<Submitted> approveUnreviewed(long assignmentId, long projectId, Instant now, Map<String, ?> detail) {
        Optional<Submitted> work = jdbc.sql("""
                UPDATE assignment SET state = 'APPROVED', updated_at = :now,
                       accepted_annotation_id = """ + latestAnnotationId("assignment.id") + """
                WHERE id = :a AND state = 'SUBMITTED' RETURNING id, task_id, accepted_annotation_id""")
                .param("now", Timestamp.from(now)).param("a", assignmentId)
                .query((rs, i) -> new Submitted(rs.getLong(1), rs.getLong(2), rs.getLong(3))).optional();
        work.ifPresent(w -> {
            refresh(w.taskId());
            events.append(w.taskId(), projectId, TaskEvents.AUTO_APPROVE, null, assignmentId, detail);
        });
        return work;
    }

    /**
     * SQL: a sub-select of the work awaiting review in each project ({@code id, project_id, task_id}: ordinary work,
     * SUBMITTED or IN_REVIEW) — what a lot is made of.
     */
    public static String awaitingReview() {
        return " (SELECT id, project_id, task_id FROM assignment WHERE state IN ('SUBMITTED', 'IN_REVIEW') AND NOT gold) ";
    }

    /** A review lease ran out: the work goes back to the review queue (if it is still in review). */
    public void reviewExpired(long assignmentId, long projectId, long reviewId) {
        Long taskId = jdbc.sql("""
                UPDATE assignment SET state = 'SUBMITTED' WHERE id = :a AND state = 'IN_REVIEW' RETURNING task_id""")
                .param("a", assignmentId).query(Long.class).optional().orElse(null);
        if (taskId == null) return;
        refresh(taskId);
        events.append(taskId, projectId, TaskEvents.REVIEW_EXPIRE, null, assignmentId, Map.of("reviewId", reviewId));
    }

    // ---- bulk import

    /** The {@code COPY … FROM STDIN} (text format) that bulk-loads ordinary tasks: project, import, data, priority, hash. */
    public static String copyIn() {
        return "COPY task (project_id, import_id, data, priority, source_hash) FROM STDIN";
    }

    /** A gold item of an import: its data and its reference result. */
    public record GoldRow(String data, int priority, String sourceHash, String reference) {
    }

    /** Stores an import's gold items on the import's connection and transaction (one batch); returns how many. */
    public static long insertGold(Connection connection, long projectId, long importId, List<GoldRow> gold)
            throws SQLException {
        if (gold.isEmpty()) return 0;
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO task (project_id, import_id, data, priority, source_hash, state, gold_reference)
                VALUES (?, ?, ?::jsonb, ?, ?, 'GOLD', ?::jsonb)""")) {
            for (GoldRow g : gold) {
                insert.setLong(1, projectId);
                insert.setLong(2, importId);
                insert.setString(3, g.data());
                insert.setInt(4, g.priority());
                insert.setString(5, g.sourceHash());
                insert.setString(6, g.reference());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return gold.size();
    }

    // ---- export

    /**
     * SQL, one parameter (the project id): approved tasks, one row per approved assignment, in task order — task id,
     * data, annotation id, labeler, result, version, approver, created at. The annotation is the one the approval
     * accepted (recorded on the assignment when approved: the correction if the reviewer corrected; the assignment's
     * newest version for work approved before that was recorded). A flat join that the caller groups by task, so
     * PostgreSQL streams it in one pass.
     */
    public static String approvedResults() {
        return """
                SELECT t.id, t.data::text, n.id, l.username, n.result::text, n.version, rv.username, n.created_at
                FROM task t
                LEFT JOIN assignment a ON a.task_id = t.id AND a.state = 'APPROVED'
                LEFT JOIN account l ON l.id = a.labeler_id
                LEFT JOIN annotation n ON n.id = coalesce(a.accepted_annotation_id, """ + latestAnnotationId("a.id") + """
                )
                LEFT JOIN account rv ON rv.id = a.accepted_by
                WHERE t.project_id = ? AND t.state = 'APPROVED'
                ORDER BY t.id, a.id""";
    }

    /** SQL, one parameter (the project id): how many approved tasks the project has (trigger-kept counts). */
    public static String approvedCount() {
        return "SELECT coalesce(sum(n), 0) FROM task_count WHERE project_id = ? AND state = 'APPROVED'";
    }

    // ---- figures for other features

    /**
     * SQL: a sub-select of the gold answers and skips ({@code id, project_id, labeler_id, state, gold_score,
     * gold_feedback, updated_at}; state SCORED is an answer, SKIPPED a skip).
     */
    public static String goldAnswers() {
        return " (SELECT id, project_id, labeler_id, state, gold_score, gold_feedback, updated_at FROM assignment WHERE gold) ";
    }

    /**
     * SQL: true when the account {@code account} (a column) has submitted work in any project of {@code projectIds}
     * (an array expression).
     */
    public static String submittedInAny(String account, String projectIds) {
        return " EXISTS (SELECT 1 FROM annotation n JOIN task t ON t.id = n.task_id WHERE n.author_id = " + account
                + " AND n.kind = 'SUBMISSION' AND t.project_id = ANY (" + projectIds + ")) ";
    }

    public record Throughput(String day, long submitted, long approved) {
    }

    /** Submissions and approvals per day over the last 30 days, from the event log. */
    public List<Throughput> throughput(long projectId) {
        return jdbc.sql("""
                SELECT to_char(date_trunc('day', at), 'YYYY-MM-DD') AS day,
                       count(*) FILTER (WHERE type = 'SUBMIT'), count(*) FILTER (WHERE type IN ('APPROVE', 'CORRECT', 'AUTO_APPROVE'))
                FROM task_event WHERE project_id = :p AND at > now() - interval '30 days'
                GROUP BY 1 ORDER BY 1""")
                .param("p", projectId)
                .query((rs, i) -> new Throughput(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    public record WorkerStats(long accountId, String username, long submitted, long approved, long rejected) {
    }

    /** Per labeler: work submitted, approved, and rejections received (each REJECT decision is one logged event). */
    public List<WorkerStats> workers(long projectId) {
        return jdbc.sql("""
                SELECT a.id, a.username,
                       count(*) FILTER (WHERE s.state IN ('SUBMITTED', 'IN_REVIEW', 'APPROVED', 'REJECTED')),
                       count(*) FILTER (WHERE s.state = 'APPROVED'),
                       (SELECT count(*) FROM task_event e JOIN assignment x ON x.id = e.assignment_id
                        WHERE x.labeler_id = a.id AND x.project_id = :p AND e.project_id = :p AND e.type = 'REJECT')
                FROM assignment s JOIN account a ON a.id = s.labeler_id
                WHERE s.project_id = :p GROUP BY a.id, a.username ORDER BY a.username""")
                .param("p", projectId)
                .query((rs, i) -> new WorkerStats(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)))
                .list();
    }

    // ---- quality: stored results (issue 11)

    /**
     * One stored result: the newest annotation version of a labeler's submitted work on an ordinary (non-gold) task,
     * with the task's data. {@code state} is the assignment's state (SUBMITTED, IN_REVIEW, APPROVED, REJECTED);
     * {@code acceptedBy} the reviewer who approved it after looking (null when approved by sampling or not approved).
     */
    public record StoredResult(long taskId, long assignmentId, long labelerId, String state, JsonNode data,
            JsonNode result, @org.jspecify.annotations.Nullable Long acceptedBy) {
    }

    /**
     * Streams every stored result of a project's ordinary tasks to {@code each}, in task order (the overlapping
     * results of a task come together): the quality report re-validates them and measures agreement over them.
     */
    public void storedResults(long projectId, java.util.function.Consumer<StoredResult> each) {
        jdbc.sql("""
                SELECT t.id, a.id, a.labeler_id, a.state, t.data::text, n.result::text, a.accepted_by
                FROM task t JOIN assignment a ON a.task_id = t.id
                JOIN annotation n ON n.id = """ + latestAnnotationId("a.id") + """

                WHERE t.project_id = :p AND t.state <> 'GOLD' AND NOT a.gold
                  AND a.state IN ('SUBMITTED', 'IN_REVIEW', 'APPROVED', 'REJECTED')
                ORDER BY t.id, a.labeler_id""")
                .param("p", projectId)
                .query(rs -> {
                    each.accept(new StoredResult(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            json.parse(rs.getString(5)), json.parse(rs.getString(6)),
                            rs.getObject(7) == null ? null : rs.getLong(7)));
                });
    }

    // ---- what project asks of its tasks (ProjectWork)

    @Override
    public Map<Long, Map<String, Long>> countsByState(Collection<Long> projectIds) {
        Map<Long, Map<String, Long>> out = new LinkedHashMap<>();
        if (projectIds.isEmpty()) return out;
        // Kept by triggers (R__task_count_after_*.sql): a few dozen rows per project, whatever its size.
        jdbc.sql("SELECT project_id, state, sum(n) FROM task_count WHERE project_id IN (:ids) GROUP BY project_id, state")
                .param("ids", projectIds)
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
                });
        return out;
    }

    @Override
    public Map<Long, Long> reworkWaiting(Collection<Long> projectIds, long labelerId) {
        Map<Long, Long> out = new LinkedHashMap<>();
        if (projectIds.isEmpty()) return out;
        // The same assignments the rework strategy reopens (Strategies.Rework: state REJECTED, this labeler).
        jdbc.sql("""
                SELECT project_id, count(*) FROM assignment
                WHERE project_id IN (:ids) AND labeler_id = :me AND state = 'REJECTED' GROUP BY project_id""")
                .param("ids", projectIds).param("me", labelerId)
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getLong(2));
                });
        return out;
    }

    @Override
    public String goldItemsSql(String projectId) {
        return " (SELECT coalesce(sum(n), 0) FROM task_count c WHERE c.project_id = " + projectId
                + " AND c.state = 'GOLD') ";
    }

    @Override
    public void overlapChanged(long projectId, int from, int to) {
        // Completion depends on the overlap (approved >= overlap): only tasks whose approvals lie between the old and
        // the new overlap change state; re-derive those from their assignments, not the whole project.
        jdbc.sql("""
                SELECT count(refresh_task(id)) FROM task
                WHERE project_id = :p AND approved >= :low AND approved < :high""")
                .param("p", projectId).param("low", Math.min(from, to)).param("high", Math.max(from, to))
                .query().rowSet();
    }
}
