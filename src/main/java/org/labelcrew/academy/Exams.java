package org.labelcrew.academy;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.labelcrew.schema.scoring.Scoring;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.schema.SchemaService;
import org.labelcrew.shared.AdvisoryLock;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.shared.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Exams: items (data plus a reference result) under a label schema, taken in timed attempts. References never leave
 * the server before the trainee's last attempt is submitted (or never, by the exam's setting); answers are checked against the schema as they are saved and refused
 * once the time limit has passed, so a late submit scores exactly what was saved in time.
 */
@Service
class Exams {

    static final int MAX_ITEMS = 500;

    private final JdbcClient jdbc;
    private final Json json;
    private final SchemaService schemas;
    private final Scoring scoring;
    private final ProjectAccess projects;
    private final AcademyEvents events;
    private final Owners owners;
    private final Clock clock;

    Exams(JdbcClient jdbc, Json json, SchemaService schemas, Scoring scoring, ProjectAccess projects,
            AcademyEvents events, Owners owners, Clock clock) {
        this.jdbc = jdbc;
        this.owners = owners;
        this.json = json;
        this.schemas = schemas;
        this.scoring = scoring;
        this.projects = projects;
        this.events = events;
        this.clock = clock;
    }

    record ItemRequest(JsonNode data, JsonNode reference) {
    }

    /** When a trainee sees the references: once no attempt is left (the default), or never. */
    static final List<String> SHOW_REFERENCES = List.of("WHEN_NO_ATTEMPT_LEFT", "NEVER");

    /** Either {@code projectId} (its current schema is copied) or {@code schema}. */
    record ExamRequest(String name, Long projectId, JsonNode schema, Long cohortId, List<ItemRequest> items,
            Integer timeLimitMinutes, Double passScore, Integer maxAttempts, String showReferences) {
    }

    record Item(long id, int position, JsonNode data, JsonNode reference) {
    }

    /** What a manager sees, references included. */
    record Exam(long id, String name, @Nullable Long projectId, @Nullable Long cohortId, JsonNode schema,
            int timeLimitMinutes, double passScore, int maxAttempts,
            @Schema(allowableValues = {"WHEN_NO_ATTEMPT_LEFT", "NEVER"}) String showReferences, List<Item> items, Instant createdAt) {
    }

    /** What anyone may see: no items, no references. */
    record ExamSummary(long id, String name, @Nullable Long cohortId, int timeLimitMinutes, double passScore,
            int maxAttempts, @Schema(allowableValues = {"WHEN_NO_ATTEMPT_LEFT", "NEVER"}) String showReferences,
            int itemCount, int attemptsUsed, @Nullable Double bestScore, boolean passed) {
    }

    @Transactional
    Exam create(ExamRequest req, CurrentUser user) {
        Access.requireManager(user);
        List<FieldError> errors = new ArrayList<>();
        if (req.name() == null || req.name().isBlank()) errors.add(FieldError.coded("name", "field.required", "is required"));
        JsonNode schema = req.schema();
        if (req.projectId() != null) {
            projects.require(req.projectId(), user, ProjectRole.MANAGER);
            schema = projects.settings(req.projectId()).schema();
        } else if (schema == null) {
            errors.add(FieldError.coded("schema", "exam.noSchema", "give projectId or a label schema"));
        } else {
            errors.addAll(schemas.problems(schema, "schema"));
        }
        if (req.cohortId() != null && !jdbc.sql("SELECT exists(SELECT 1 FROM cohort WHERE id = :c)")
                .param("c", req.cohortId()).query(Boolean.class).single()) {
            errors.add(FieldError.coded("cohortId", "academy.noCohort", "cohort " + req.cohortId() + " does not exist", "id", req.cohortId()));
        } else if (req.cohortId() != null) {
            owners.requireCohort(req.cohortId(), user); // an exam for a cohort is the cohort's owners' to add
        }
        if (req.showReferences() != null && !SHOW_REFERENCES.contains(req.showReferences())) {
            errors.add(FieldError.coded("showReferences", "value.oneOf", "must be one of " + SHOW_REFERENCES, "allowed", List.copyOf(SHOW_REFERENCES)));
        }
        if (req.timeLimitMinutes() == null || req.timeLimitMinutes() < 1 || req.timeLimitMinutes() > 1440) {
            errors.add(FieldError.coded("timeLimitMinutes", "number.range", "must be 1..1440", "min", 1, "max", 1440));
        }
        if (req.passScore() == null || req.passScore() < 0 || req.passScore() > 100) {
            errors.add(FieldError.coded("passScore", "number.range", "must be 0..100", "min", 0, "max", 100));
        }
        if (req.maxAttempts() != null && (req.maxAttempts() < 1 || req.maxAttempts() > 100)) {
            errors.add(FieldError.coded("maxAttempts", "number.range", "must be 1..100", "min", 1, "max", 100));
        }
        List<ItemRequest> items = req.items() == null ? List.of() : req.items();
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            errors.add(FieldError.coded("items", "exam.itemCount", "give 1.." + MAX_ITEMS + " items", "max", MAX_ITEMS));
        }
        if (errors.isEmpty()) {
            boolean scorable = false;
            for (JsonNode f : schema.path("fields")) scorable |= scoring.canScore(f.path("type").asString());
            if (!scorable) {
                errors.add(FieldError.coded("schema.fields", "exam.notScorable", "no field can be scored; scorable types: " + scoring.types(),
                        "allowed", List.copyOf(scoring.types())));
            }
            for (int i = 0; i < items.size(); i++) {
                ItemRequest it = items.get(i);
                String at = "items[" + i + "]";
                if (it == null || it.data() == null || !it.data().isObject()) {
                    errors.add(FieldError.coded(at + ".data", "exam.itemData", "must be an object like a task's data"));
                    continue;
                }
                for (FieldError e : schemas.resultProblems(schema, it.data(), it.reference())) {
                    errors.add(e.at(at + ".reference" + e.field().substring("result".length())));
                }
            }
        }
        if (!errors.isEmpty()) throw ApiException.invalid("The exam is not valid", errors);
        long id = jdbc.sql("""
                INSERT INTO exam (name, project_id, cohort_id, schema, time_limit_minutes, pass_score, max_attempts,
                                  show_references, created_by)
                VALUES (:name, :project, :cohort, :schema::jsonb, :limit, :pass, :max, :show, :by) RETURNING id""")
                .param("show", req.showReferences() == null ? SHOW_REFERENCES.get(0) : req.showReferences())
                .param("name", req.name().trim()).param("project", req.projectId()).param("cohort", req.cohortId())
                .param("schema", json.write(schema)).param("limit", req.timeLimitMinutes()).param("pass", req.passScore())
                .param("max", req.maxAttempts() == null ? 1 : req.maxAttempts()).param("by", user.id())
                .query(Long.class).single();
        for (int i = 0; i < items.size(); i++) {
            jdbc.sql("INSERT INTO exam_item (exam_id, position, data, reference) VALUES (:e, :p, :d::jsonb, :r::jsonb)")
                    .param("e", id).param("p", i).param("d", json.write(items.get(i).data()))
                    .param("r", json.write(items.get(i).reference())).update();
        }
        return get(id, user);
    }

    /** With items and references: administrators and the exam's owners ({@link Owners}) only. */
    Exam get(long id, CurrentUser user) {
        owners.requireExam(id, user);
        ExamRow e = row(id);
        return new Exam(e.id(), e.name(), e.projectId(), e.cohortId(), e.schema(), e.timeLimitMinutes(), e.passScore(),
                e.maxAttempts(), e.showReferences(), items(id), e.createdAt());
    }

    /**
     * Everyone sees the exams open to all and those of cohorts where they hold a seat; administrators every exam, and
     * managers also the exams they own ({@link Owners}).
     */
    List<ExamSummary> list(CurrentUser user) {
        record Listed(ExamSummary exam, boolean seatedOrOpen) {
        }
        return jdbc.sql("""
                SELECT e.id, e.name, e.cohort_id, e.time_limit_minutes, e.pass_score, e.max_attempts, e.show_references,
                       (e.cohort_id IS NULL OR EXISTS (SELECT 1 FROM registration r
                            WHERE r.cohort_id = e.cohort_id AND r.account_id = :a AND r.status = 'REGISTERED')) AS open,
                       (SELECT count(*) FROM exam_item i WHERE i.exam_id = e.id) AS items,
                       (SELECT count(*) FROM exam_attempt t WHERE t.exam_id = e.id AND t.account_id = :a) AS used,
                       (SELECT max(score) FROM exam_attempt t WHERE t.exam_id = e.id AND t.account_id = :a) AS best,
                       coalesce((SELECT bool_or(passed) FROM exam_attempt t WHERE t.exam_id = e.id AND t.account_id = :a), false) AS passed
                FROM exam e
                WHERE :manager OR e.cohort_id IS NULL OR EXISTS (SELECT 1 FROM registration r
                      WHERE r.cohort_id = e.cohort_id AND r.account_id = :a AND r.status = 'REGISTERED')
                ORDER BY e.id""")
                .param("a", user.id()).param("manager", user.canManageProjects())
                .query((rs, i) -> new Listed(new ExamSummary(rs.getLong("id"), rs.getString("name"),
                        Sql.longOrNull(rs, "cohort_id"), rs.getInt("time_limit_minutes"), rs.getDouble("pass_score"),
                        rs.getInt("max_attempts"), rs.getString("show_references"), rs.getInt("items"), rs.getInt("used"),
                        Sql.doubleOrNull(rs, "best"), rs.getBoolean("passed")), rs.getBoolean("open")))
                .list().stream()
                .filter(l -> l.seatedOrOpen() || owners.ownsExam(l.exam().id(), user))
                .map(Listed::exam).toList();
    }

    private record ExamRow(long id, String name, Long projectId, Long cohortId, JsonNode schema, int timeLimitMinutes,
            double passScore, int maxAttempts, String showReferences, Instant createdAt) {
    }

    private ExamRow row(long id) {
        return jdbc.sql("SELECT * FROM exam WHERE id = :id").param("id", id)
                .query((rs, i) -> new ExamRow(rs.getLong("id"), rs.getString("name"), Sql.longOrNull(rs, "project_id"),
                        Sql.longOrNull(rs, "cohort_id"), json.column(rs, "schema"), rs.getInt("time_limit_minutes"),
                        rs.getDouble("pass_score"), rs.getInt("max_attempts"), rs.getString("show_references"),
                        Sql.instant(rs, "created_at")))
                .optional().orElseThrow(() -> ApiException.notFound("Exam", id));
    }

    private List<Item> items(long examId) {
        return jdbc.sql("SELECT id, position, data, reference FROM exam_item WHERE exam_id = :e ORDER BY position")
                .param("e", examId)
                .query((rs, i) -> new Item(rs.getLong(1), rs.getInt(2), json.column(rs, "data"), json.column(rs, "reference")))
                .list();
    }

    // ---- attempts

    /** An item as a trainee gets it: the data only. */
    record AttemptItem(long itemId, int position, JsonNode data) {
    }

    record Attempt(long attemptId, long examId, String examName, int number, int maxAttempts, JsonNode schema,
            Instant startedAt, Instant deadline, List<AttemptItem> items, Map<Long, JsonNode> answers) {
    }

    record ItemResult(long itemId, double score, @Nullable String feedback, @Nullable JsonNode answer,
            @Nullable JsonNode reference,
            List<Scoring.FieldResult> fields) {
    }

    /**
     * {@code referencesShown}: whether {@code perItem} carries the references and the feedback (which names expected
     * answers); when false they are null and only scores show (see {@link #forViewer}).
     */
    record Result(long attemptId, long examId, double score, double passScore, boolean passed, Instant submittedAt,
            boolean late, List<ItemResult> perItem, boolean referencesShown) {
    }

    /** The attempt and its result as the trainee sees it later: the result only once submitted. */
    record AttemptView(Attempt attempt, @Nullable Result result) {
    }

    private record AttemptRow(long id, long examId, long accountId, int number, Instant startedAt, Instant deadline,
            Instant submittedAt) {
    }

    record Started(boolean created, Attempt attempt) {
    }

    /** Starts an attempt, or resumes the caller's attempt still running ({@code created} false). */
    @Transactional
    Started start(long examId, CurrentUser user) {
        Access.requireSignedIn(user);
        ExamRow exam = row(examId);
        // A cohort's exam is for its seated trainees; its owners may try it out (other managers may not).
        if (exam.cohortId() != null && !owners.ownsExam(examId, user)) {
            boolean seated = jdbc.sql("""
                    SELECT exists(SELECT 1 FROM registration WHERE cohort_id = :c AND account_id = :a AND status = 'REGISTERED')""")
                    .param("c", exam.cohortId()).param("a", user.id()).query(Boolean.class).single();
            if (!seated) throw ApiException.forbidden("This exam is for the people registered in cohort " + exam.cohortId());
        }
        Instant now = clock.instant();
        // Serialises one person's exam starts, so two clicks never make two attempts.
        AdvisoryLock.EXAM_START.lock(jdbc, user.id());
        List<AttemptRow> open = jdbc.sql("""
                SELECT * FROM exam_attempt WHERE exam_id = :e AND account_id = :a AND submitted_at IS NULL ORDER BY id""")
                .param("e", examId).param("a", user.id()).query((rs, i) -> attemptRow(rs)).list();
        for (AttemptRow a : open) {
            if (now.isBefore(a.deadline())) return new Started(false, attempt(a, exam));
            finish(a, exam, now); // time ran out without a submit: it counts, scored as saved
        }
        int used = jdbc.sql("SELECT count(*) FROM exam_attempt WHERE exam_id = :e AND account_id = :a")
                .param("e", examId).param("a", user.id()).query(Integer.class).single();
        if (used >= exam.maxAttempts()) {
            throw ApiException.conflict("You have used all " + exam.maxAttempts() + " attempt(s) of exam " + examId);
        }
        Instant deadline = now.plus(Duration.ofMinutes(exam.timeLimitMinutes()));
        long id = jdbc.sql("""
                INSERT INTO exam_attempt (exam_id, account_id, number, started_at, deadline)
                VALUES (:e, :a, :n, :now, :deadline) RETURNING id""")
                .param("e", examId).param("a", user.id()).param("n", used + 1).param("now", Sql.ts(now))
                .param("deadline", Sql.ts(deadline)).query(Long.class).single();
        return new Started(true, attempt(new AttemptRow(id, examId, user.id(), used + 1, now, deadline, null), exam));
    }

    private Attempt attempt(AttemptRow a, ExamRow exam) {
        List<AttemptItem> items = items(exam.id()).stream().map(i -> new AttemptItem(i.id(), i.position(), i.data())).toList();
        return new Attempt(a.id(), exam.id(), exam.name(), a.number(), exam.maxAttempts(), exam.schema(), a.startedAt(),
                a.deadline(), items, answers(a.id()));
    }

    private Map<Long, JsonNode> answers(long attemptId) {
        Map<Long, JsonNode> out = new HashMap<>();
        jdbc.sql("SELECT item_id, result FROM exam_answer WHERE attempt_id = :t").param("t", attemptId)
                .query((java.sql.ResultSet rs) -> {
                    out.put(rs.getLong(1), json.column(rs, "result"));
                });
        return out;
    }

    private AttemptRow lockOwn(long attemptId, CurrentUser user) {
        Access.requireSignedIn(user);
        AttemptRow a = jdbc.sql("SELECT * FROM exam_attempt WHERE id = :id FOR UPDATE").param("id", attemptId)
                .query((rs, i) -> attemptRow(rs)).optional()
                .orElseThrow(() -> ApiException.notFound("Attempt", attemptId));
        if (a.accountId() != user.id()) throw ApiException.forbidden("Attempt " + attemptId + " is not yours");
        return a;
    }

    record Saved(long attemptId, long itemId, Instant savedAt, Instant deadline) {
    }

    @Transactional
    Saved saveAnswer(long attemptId, long itemId, JsonNode result, CurrentUser user) {
        AttemptRow a = lockOwn(attemptId, user);
        Instant now = clock.instant();
        if (a.submittedAt() != null) throw ApiException.conflict("Attempt " + attemptId + " is already submitted");
        if (!now.isBefore(a.deadline())) {
            throw ApiException.conflict("The time limit of attempt " + attemptId + " ended at " + a.deadline()
                    + "; answers saved before then still count — submit to see your score");
        }
        JsonNode data = jdbc.sql("SELECT data FROM exam_item WHERE id = :i AND exam_id = :e")
                .param("i", itemId).param("e", a.examId()).query((rs, i) -> json.column(rs, "data")).optional()
                .orElseThrow(() -> ApiException.notFound("Item " + itemId + " in exam", a.examId()));
        schemas.checkResult(row(a.examId()).schema(), data, result);
        jdbc.sql("""
                INSERT INTO exam_answer (attempt_id, item_id, result, saved_at) VALUES (:t, :i, :r::jsonb, :now)
                ON CONFLICT (attempt_id, item_id) DO UPDATE SET result = excluded.result, saved_at = excluded.saved_at""")
                .param("t", attemptId).param("i", itemId).param("r", json.write(result)).param("now", Sql.ts(now)).update();
        return new Saved(attemptId, itemId, now, a.deadline());
    }

    @Transactional
    Result submit(long attemptId, CurrentUser user) {
        AttemptRow a = lockOwn(attemptId, user);
        ExamRow exam = row(a.examId());
        Result r = a.submittedAt() != null ? storedResult(a, exam) : finish(a, exam, clock.instant());
        return forViewer(r, a, exam, user);
    }

    /**
     * References and expected answers leave the server only to the exam's owners ({@link Owners}), or to the trainee
     * once no attempt is left (setting {@code WHEN_NO_ATTEMPT_LEFT}, the default) — never with {@code NEVER}. Shown
     * earlier, a blank first attempt would hand out every answer for the second. Feedback codes go too: their
     * parameters name the expected answer.
     */
    private Result forViewer(Result r, AttemptRow a, ExamRow exam, CurrentUser user) {
        if (owners.ownsExam(exam.id(), user)) return r;
        if ("WHEN_NO_ATTEMPT_LEFT".equals(exam.showReferences()) && noAttemptLeft(a.accountId(), exam)) return r;
        List<ItemResult> scoresOnly = r.perItem().stream()
                .map(i -> new ItemResult(i.itemId(), i.score(), null, i.answer(), null, i.fields() == null ? null
                        : i.fields().stream().map(f -> new Scoring.FieldResult(f.field(), f.type(), f.score(), null, null, null)).toList()))
                .toList();
        return new Result(r.attemptId(), r.examId(), r.score(), r.passScore(), r.passed(), r.submittedAt(), r.late(),
                scoresOnly, false);
    }

    private boolean noAttemptLeft(long accountId, ExamRow exam) {
        record Used(int all, int open) {
        }
        Used used = jdbc.sql("""
                SELECT count(*), count(*) FILTER (WHERE submitted_at IS NULL) FROM exam_attempt
                WHERE exam_id = :e AND account_id = :a""")
                .param("e", exam.id()).param("a", accountId).query((rs, i) -> new Used(rs.getInt(1), rs.getInt(2))).single();
        return used.all() >= exam.maxAttempts() && used.open() == 0;
    }

    AttemptView view(long attemptId, CurrentUser user) {
        Access.requireSignedIn(user);
        AttemptRow a = jdbc.sql("SELECT * FROM exam_attempt WHERE id = :id").param("id", attemptId)
                .query((rs, i) -> attemptRow(rs)).optional()
                .orElseThrow(() -> ApiException.notFound("Attempt", attemptId));
        if (a.accountId() != user.id() && !owners.ownsExam(a.examId(), user)) {
            throw ApiException.forbidden("Attempt " + attemptId + " is not yours");
        }
        ExamRow exam = row(a.examId());
        return new AttemptView(attempt(a, exam),
                a.submittedAt() == null ? null : forViewer(storedResult(a, exam), a, exam, user));
    }

    private Result finish(AttemptRow a, ExamRow exam, Instant now) {
        Map<Long, JsonNode> answers = answers(a.id());
        List<ItemResult> perItem = new ArrayList<>();
        double sum = 0;
        List<Item> items = items(exam.id());
        for (Item item : items) {
            JsonNode answer = answers.get(item.id());
            Scoring.ItemScore s = answer == null
                    ? new Scoring.ItemScore(0, "not answered", List.of())
                    : scoring.score(exam.schema(), item.data(), answer, item.reference());
            perItem.add(new ItemResult(item.id(), s.score(), s.feedback(), answer, item.reference(), s.fields()));
            sum += s.score();
        }
        double score = Math.round(sum / items.size() * 100 * 100) / 100.0;
        boolean passed = score >= exam.passScore();
        jdbc.sql("""
                UPDATE exam_attempt SET submitted_at = :now, score = :score, passed = :passed, per_item = :perItem::jsonb
                WHERE id = :id""")
                .param("now", Sql.ts(now)).param("score", score).param("passed", passed)
                .param("perItem", json.write(perItem)).param("id", a.id()).update();
        events.append("EXAM_SUBMIT", exam.cohortId(), a.accountId(), a.accountId(),
                Map.of("examId", exam.id(), "attemptId", a.id(), "score", score, "passed", passed), now);
        return new Result(a.id(), exam.id(), score, exam.passScore(), passed, now, now.isAfter(a.deadline()), perItem, true);
    }

    private Result storedResult(AttemptRow a, ExamRow exam) {
        record Stored(double score, boolean passed, JsonNode perItem) {
        }
        Stored s = jdbc.sql("SELECT score, passed, per_item FROM exam_attempt WHERE id = :id").param("id", a.id())
                .query((rs, i) -> new Stored(rs.getDouble(1), rs.getBoolean(2), json.column(rs, "per_item"))).single();
        List<ItemResult> perItem = new ArrayList<>();
        for (JsonNode n : s.perItem()) perItem.add(json.mapper().treeToValue(n, ItemResult.class));
        return new Result(a.id(), exam.id(), s.score(), exam.passScore(), s.passed(), a.submittedAt(),
                a.submittedAt().isAfter(a.deadline()), perItem, true);
    }

    record AttemptSummary(long attemptId, long examId, String examName, @Nullable Long cohortId, int number,
            Instant startedAt, Instant deadline, @Nullable Instant submittedAt, @Nullable Double score,
            @Nullable Boolean passed) {
    }

    List<AttemptSummary> attemptsOf(long accountId) {
        return jdbc.sql("""
                SELECT t.*, e.name, e.cohort_id FROM exam_attempt t JOIN exam e ON e.id = t.exam_id
                WHERE t.account_id = :a ORDER BY t.id""")
                .param("a", accountId)
                .query((rs, i) -> new AttemptSummary(rs.getLong("id"), rs.getLong("exam_id"), rs.getString("name"),
                        Sql.longOrNull(rs, "cohort_id"), rs.getInt("number"), Sql.instant(rs, "started_at"),
                        Sql.instant(rs, "deadline"), Sql.instant(rs, "submitted_at"), Sql.doubleOrNull(rs, "score"),
                        rs.getObject("passed") == null ? null : rs.getBoolean("passed")))
                .list();
    }

    private static AttemptRow attemptRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AttemptRow(rs.getLong("id"), rs.getLong("exam_id"), rs.getLong("account_id"), rs.getInt("number"),
                Sql.instant(rs, "started_at"), Sql.instant(rs, "deadline"), Sql.instant(rs, "submitted_at"));
    }
}
