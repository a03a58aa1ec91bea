package org.labelcrew.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.schema.SchemaService;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.shared.InputLimits;
import org.labelcrew.shared.Json;
import org.labelcrew.shared.Page;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

@Service
public class ProjectService {

    public static final List<String> TASK_STATES = List.of("NEW", "ASSIGNED", "SUBMITTED", "REJECTED", "APPROVED");

    private final JdbcClient jdbc;
    private final Json json;
    private final SchemaService schemas;
    private final ProjectAccess access;
    private final ProjectWork work;
    private final ApplicationEventPublisher publisher;

    ProjectService(JdbcClient jdbc, Json json, SchemaService schemas, ProjectAccess access, ProjectWork work,
            ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.json = json;
        this.schemas = schemas;
        this.access = access;
        this.work = work;
        this.publisher = publisher;
    }

    /**
     * A person may no longer label in a project (removed, paused, or no longer a labeler there). Published inside the
     * change's transaction, so that the task feature ends their leases in the same commit: no draft or submit on a
     * held lease gets through afterwards.
     */
    public record LabelingEnded(long projectId, long accountId, String why) {
    }

    /**
     * A person may no longer review in a project (removed, paused, or made a labeler there; a manager still reviews).
     * Published inside the change's transaction, like {@link LabelingEnded}, so that the review feature ends their
     * review leases in the same commit.
     */
    public record ReviewingEnded(long projectId, long accountId, String why) {
    }

    /** Create or change a project; on PATCH a null field is left as it is. */
    public record ProjectRequest(String name, String description, JsonNode schema, Integer overlap,
            Project.Review review, Integer leaseMinutes, Double goldRate, JsonNode rates, Project.AutoPause autoPause,
            @Schema(description = "MAJORITY, BEST_GOLD or REVIEWER; on PATCH \"NONE\" turns merging off")
            String consensus) {
    }

    /** The consensus strategies the export knows (quality.Consensus); NONE (PATCH only) turns merging off. */
    static final List<String> CONSENSUS = List.of("MAJORITY", "BEST_GOLD", "REVIEWER");

    @Transactional
    public Project create(ProjectRequest req, CurrentUser user) {
        if (!user.canManageProjects()) throw ApiException.forbidden("Only administrators and managers create projects");
        List<FieldError> errors = new ArrayList<>();
        if (req.name() == null || req.name().isBlank()) errors.add(FieldError.coded("name", "field.required", "is required"));
        if (req.schema() == null) errors.add(FieldError.coded("schema", "field.required", "is required"));
        else errors.addAll(schemas.problems(req.schema(), "schema"));
        checkSettings(req, errors);
        if (!errors.isEmpty()) throw ApiException.invalid("The project is not valid", errors);
        Project.Review review = req.review() == null ? new Project.Review("FULL", 1.0) : req.review();
        long id = jdbc.sql("""
                INSERT INTO project (name, description, schema, overlap, review_mode, sample_rate, lease_minutes,
                                     gold_rate, rates, created_by, auto_pause_min_gold, auto_pause_min_accuracy,
                                     consensus, review_min_rate, review_max_rate, review_window)
                VALUES (:name, :description, :schema::jsonb, :overlap, :mode, :rate, :lease, :gold, :rates::jsonb, :by,
                        :apGold, :apAccuracy, :consensus, :minRate, :maxRate, :window)
                RETURNING id""")
                .param("name", req.name().trim())
                .param("description", req.description() == null ? "" : req.description())
                .param("schema", json.write(req.schema()))
                .param("overlap", req.overlap() == null ? 1 : req.overlap())
                .param("mode", review.mode())
                .param("rate", "FULL".equals(review.mode()) ? 1.0 : review.sampleRate())
                .param("minRate", adaptive(review) ? review.minRate() : null)
                .param("maxRate", adaptive(review) ? review.maxRate() : null)
                .param("window", adaptive(review) ? review.window() : null)
                .param("lease", req.leaseMinutes() == null ? 30 : req.leaseMinutes())
                .param("gold", req.goldRate() == null ? 0.0 : req.goldRate())
                .param("rates", json.write(req.rates() == null ? json.object() : req.rates()))
                .param("by", user.id())
                .param("apGold", req.autoPause() == null ? null : req.autoPause().minGoldAnswers())
                .param("apAccuracy", req.autoPause() == null ? null : req.autoPause().minAccuracy())
                .param("consensus", "NONE".equals(req.consensus()) ? null : req.consensus())
                .query(Long.class).single();
        jdbc.sql("INSERT INTO project_schema (project_id, version, schema) VALUES (:p, 1, :s::jsonb)")
                .param("p", id).param("s", json.write(req.schema())).update();
        if (!user.isAdmin()) {
            jdbc.sql("INSERT INTO project_member (project_id, account_id, role) VALUES (:p, :a, 'MANAGER')")
                    .param("p", id).param("a", user.id()).update();
        }
        return get(id, user);
    }

    @Transactional
    public Project update(long id, ProjectRequest req, CurrentUser user) {
        access.require(id, user, ProjectRole.MANAGER);
        List<FieldError> errors = new ArrayList<>();
        if (req.name() != null && req.name().isBlank()) errors.add(FieldError.coded("name", "value.blank", "must not be blank"));
        if (req.schema() != null) errors.addAll(schemas.problems(req.schema(), "schema"));
        checkSettings(req, errors);
        if (!errors.isEmpty()) throw ApiException.invalid("The change is not valid", errors);
        ProjectSettings before = access.settingsForUpdate(id); // not the cache: another instance may have changed them
        if (req.schema() != null && !req.schema().equals(before.schema())) {
            int version = before.schemaVersion() + 1;
            jdbc.sql("INSERT INTO project_schema (project_id, version, schema) VALUES (:p, :v, :s::jsonb)")
                    .param("p", id).param("v", version).param("s", json.write(req.schema())).update();
            jdbc.sql("UPDATE project SET schema = :s::jsonb, schema_version = :v WHERE id = :p")
                    .param("p", id).param("v", version).param("s", json.write(req.schema())).update();
        }
        Project.Review review = req.review();
        jdbc.sql("""
                UPDATE project SET name = coalesce(:name, name), description = coalesce(:description, description),
                       overlap = coalesce(:overlap, overlap), review_mode = coalesce(:mode, review_mode),
                       sample_rate = coalesce(:rate, sample_rate), lease_minutes = coalesce(:lease, lease_minutes),
                       gold_rate = coalesce(:gold, gold_rate), rates = coalesce(:rates::jsonb, rates),
                       review_min_rate = CASE WHEN CAST(:mode AS text) IS NULL THEN review_min_rate ELSE CAST(:minRate AS double precision) END,
                       review_max_rate = CASE WHEN CAST(:mode AS text) IS NULL THEN review_max_rate ELSE CAST(:maxRate AS double precision) END,
                       review_window = CASE WHEN CAST(:mode AS text) IS NULL THEN review_window ELSE CAST(:window AS int) END
                WHERE id = :id""")
                .param("name", req.name() == null ? null : req.name().trim())
                .param("description", req.description())
                .param("overlap", req.overlap())
                .param("mode", review == null ? null : review.mode())
                .param("rate", review == null ? null : ("FULL".equals(review.mode()) ? 1.0 : review.sampleRate()))
                .param("minRate", adaptive(review) ? review.minRate() : null)
                .param("maxRate", adaptive(review) ? review.maxRate() : null)
                .param("window", adaptive(review) ? review.window() : null)
                .param("lease", req.leaseMinutes())
                .param("gold", req.goldRate())
                .param("rates", req.rates() == null ? null : json.write(req.rates()))
                .param("id", id).update();
        if (req.autoPause() != null) {
            jdbc.sql("UPDATE project SET auto_pause_min_gold = :g, auto_pause_min_accuracy = :a WHERE id = :id")
                    .param("g", req.autoPause().minGoldAnswers()).param("a", req.autoPause().minAccuracy())
                    .param("id", id).update();
        }
        if (req.consensus() != null) {
            jdbc.sql("UPDATE project SET consensus = :c WHERE id = :id")
                    .param("c", "NONE".equals(req.consensus()) ? null : req.consensus()).param("id", id).update();
        }
        if (req.overlap() != null && req.overlap() != before.overlap()) {
            work.overlapChanged(id, before.overlap(), req.overlap());
        }
        access.evict(id); // now, and once more when the change is visible to others
        return get(id, user);
    }

    private static boolean adaptive(Project.@org.jspecify.annotations.Nullable Review review) {
        return review != null && "ADAPTIVE".equals(review.mode());
    }

    private static boolean rate(@org.jspecify.annotations.Nullable Double r) {
        return r != null && r > 0 && r <= 1;
    }

    private static void checkSettings(ProjectRequest req, List<FieldError> errors) {
        if (req.overlap() != null && (req.overlap() < 1 || req.overlap() > 100)) {
            errors.add(FieldError.coded("overlap", "number.range", "must be 1..100", "min", 1, "max", 100));
        }
        if (req.leaseMinutes() != null && (req.leaseMinutes() < 1 || req.leaseMinutes() > 1440)) {
            errors.add(FieldError.coded("leaseMinutes", "number.range", "must be 1..1440", "min", 1, "max", 1440));
        }
        if (req.goldRate() != null && (req.goldRate() < 0 || req.goldRate() > 1)) {
            errors.add(FieldError.coded("goldRate", "number.range", "must be 0..1", "min", 0, "max", 1));
        }
        if (req.review() != null) {
            String mode = req.review().mode();
            if (!"FULL".equals(mode) && !"SAMPLE".equals(mode) && !"ADAPTIVE".equals(mode)) {
                errors.add(FieldError.coded("review.mode", "value.oneOf", "must be FULL, SAMPLE or ADAPTIVE",
                        "allowed", List.of("FULL", "SAMPLE", "ADAPTIVE")));
            }
            if (("SAMPLE".equals(mode) || "ADAPTIVE".equals(mode)) && !rate(req.review().sampleRate())) {
                errors.add(FieldError.coded("review.sampleRate", "number.share", "must be more than 0 and at most 1"));
            }
            if ("ADAPTIVE".equals(mode)) {
                Project.Review r = req.review();
                if (!rate(r.minRate())) errors.add(FieldError.coded("review.minRate", "number.share", "must be more than 0 and at most 1"));
                if (!rate(r.maxRate())) errors.add(FieldError.coded("review.maxRate", "number.share", "must be more than 0 and at most 1"));
                if (rate(r.minRate()) && rate(r.maxRate()) && rate(r.sampleRate())
                        && !(r.minRate() <= r.sampleRate() && r.sampleRate() <= r.maxRate())) {
                    errors.add(FieldError.coded("review.sampleRate", "review.baseOutsideRange", "the base rate must lie between minRate and maxRate",
                            "min", r.minRate(), "max", r.maxRate()));
                }
                if (r.window() < 1 || r.window() > 1000) {
                    errors.add(FieldError.coded("review.window", "number.range", "must be 1..1000", "min", 1, "max", 1000));
                }
            }
        }
        if (req.consensus() != null && !"NONE".equals(req.consensus()) && !CONSENSUS.contains(req.consensus())) {
            errors.add(FieldError.coded("consensus", "value.oneOf", "must be MAJORITY, BEST_GOLD, REVIEWER or NONE",
                    "allowed", List.of("MAJORITY", "BEST_GOLD", "REVIEWER", "NONE")));
        }
        if (req.rates() != null && !req.rates().isObject()) errors.add(FieldError.coded("rates", "value.mustBeObject", "must be an object"));
        if (req.autoPause() != null) {
            Project.AutoPause ap = req.autoPause();
            if ((ap.minGoldAnswers() == null) != (ap.minAccuracy() == null)) {
                errors.add(FieldError.coded("autoPause", "autoPause.needsBoth", "needs both minGoldAnswers and minAccuracy (both null turns it off)"));
            }
            if (ap.minGoldAnswers() != null && (ap.minGoldAnswers() < 1 || ap.minGoldAnswers() > 100_000)) {
                errors.add(FieldError.coded("autoPause.minGoldAnswers", "number.range", "must be 1..100000", "min", 1, "max", 100_000));
            }
            if (ap.minAccuracy() != null && (ap.minAccuracy() <= 0 || ap.minAccuracy() > 1)) {
                errors.add(FieldError.coded("autoPause.minAccuracy", "number.share", "must be more than 0 and at most 1"));
            }
        }
        if (req.name() != null && req.name().trim().codePointCount(0, req.name().trim().length()) > InputLimits.PROJECT_NAME_MAX) {
            errors.add(FieldError.coded("name", "text.tooLong", "must be at most " + InputLimits.PROJECT_NAME_MAX + " characters",
                    "max", InputLimits.PROJECT_NAME_MAX));
        } else if (InputLimits.hasControlCharacters(req.name(), false)) {
            errors.add(FieldError.coded("name", "text.controlCharacters", "must not contain control characters"));
        }
        if (req.description() != null
                && req.description().codePointCount(0, req.description().length()) > InputLimits.PROJECT_DESCRIPTION_MAX) {
            errors.add(FieldError.coded("description", "text.tooLong", "must be at most " + InputLimits.PROJECT_DESCRIPTION_MAX + " characters",
                    "max", InputLimits.PROJECT_DESCRIPTION_MAX));
        } else if (InputLimits.hasControlCharacters(req.description(), true)) {
            errors.add(FieldError.coded("description", "text.controlCharactersButBreaks", "must not contain control characters other than line breaks and tabs"));
        }
    }

    public Project get(long id, CurrentUser user) {
        ProjectAccess.Membership m = access.requireMember(id, user);
        return jdbc.sql("SELECT * FROM project WHERE id = :id").param("id", id)
                .query((rs, i) -> map(rs, m.role(), mine(visible(counts(id), m.role()), id, user))).single();
    }

    public Page<Project> list(CurrentUser user, String after, Integer limit) {
        int n = Page.limit(limit);
        List<Project> rows = jdbc.sql("""
                SELECT p.*, CASE WHEN :admin THEN 'MANAGER' ELSE m.role END AS my_role
                FROM project p LEFT JOIN project_member m ON m.project_id = p.id AND m.account_id = :me
                WHERE p.id > :after AND (:admin OR m.account_id IS NOT NULL)
                ORDER BY p.id LIMIT :n""")
                .param("admin", user.isAdmin()).param("me", user.id())
                .param("after", Page.after(after)).param("n", n + 1)
                .query((rs, i) -> map(rs, ProjectRole.valueOf(rs.getString("my_role")), null)).list();
        Page<Project> page = Page.of(rows, n, Project::id);
        Map<Long, Map<String, Long>> counts = counts(page.items().stream().map(Project::id).toList());
        Map<Long, Long> rework = work.reworkWaiting(counts.keySet(), user.id());
        return new Page<>(page.items().stream()
                .map(p -> withCounts(p, withRework(visible(counts.get(p.id()), p.myRole()), rework.getOrDefault(p.id(), 0L))))
                .toList(), page.next());
    }

    public Map<String, Long> counts(long projectId) {
        return counts(List.of(projectId)).get(projectId);
    }

    /** A project's counts by state as a person of that role may see them (gold only for managers). */
    public Map<String, Long> counts(long projectId, ProjectRole role) {
        return visible(counts(projectId), role);
    }

    private Map<Long, Map<String, Long>> counts(List<Long> ids) {
        Map<Long, Map<String, Long>> out = new LinkedHashMap<>();
        for (Long id : ids) {
            Map<String, Long> m = new LinkedHashMap<>();
            TASK_STATES.forEach(s -> m.put(s, 0L));
            m.put("total", 0L);
            m.put("GOLD", 0L);
            out.put(id, m);
        }
        if (ids.isEmpty()) return out;
        work.countsByState(ids).forEach((project, byState) -> byState.forEach((state, n) -> {
            Map<String, Long> m = out.get(project);
            m.put(state, n);
            // Gold items are control questions, not work: counted beside the progress, never in its total.
            if (!"GOLD".equals(state)) m.merge("total", n, Long::sum);
        }));
        return out;
    }

    /**
     * Gold items are secret to everyone but managers (a control item must look like any other to labelers and
     * reviewers): their count is left out of what others see.
     */
    private static Map<String, Long> visible(Map<String, Long> counts, ProjectRole role) {
        if (role == ProjectRole.MANAGER) return counts;
        Map<String, Long> out = new LinkedHashMap<>(counts);
        out.remove("GOLD");
        return out;
    }

    /**
     * The caller's own figure beside the project's: {@code myRework}, their rejected answers waiting to be reworked,
     * so the home page can say so (issue 13). Not a task state: never part of {@code total}.
     */
    private Map<String, Long> mine(Map<String, Long> counts, long projectId, CurrentUser user) {
        return withRework(counts, work.reworkWaiting(List.of(projectId), user.id()).getOrDefault(projectId, 0L));
    }

    private static Map<String, Long> withRework(Map<String, Long> counts, long n) {
        Map<String, Long> out = new LinkedHashMap<>(counts);
        out.put("myRework", n);
        return out;
    }

    private Project withCounts(Project p, Map<String, Long> counts) {
        return new Project(p.id(), p.name(), p.description(), p.schema(), p.schemaVersion(), p.overlap(), p.review(),
                p.leaseMinutes(), p.goldRate(), p.rates(), p.createdAt(), p.myRole(), counts, p.autoPause(), p.consensus());
    }

    private Project map(ResultSet rs, ProjectRole role, Map<String, Long> counts) throws SQLException {
        return new Project(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                json.column(rs, "schema"), rs.getInt("schema_version"), rs.getInt("overlap"),
                new Project.Review(rs.getString("review_mode"), rs.getDouble("sample_rate"),
                        (Double) rs.getObject("review_min_rate"), (Double) rs.getObject("review_max_rate"),
                        (Integer) rs.getObject("review_window")),
                rs.getInt("lease_minutes"), rs.getDouble("gold_rate"), json.column(rs, "rates"),
                rs.getTimestamp("created_at").toInstant(), role, counts,
                rs.getObject("auto_pause_min_gold") == null ? null : new Project.AutoPause(rs.getInt("auto_pause_min_gold"),
                        rs.getDouble("auto_pause_min_accuracy")), rs.getString("consensus"));
    }

    // ---- members

    /** {@code pauseReason}: why the system paused the member (null when a manager did, or when not paused). */
    public record Member(long accountId, String username, String displayName, ProjectRole role, boolean paused,
            @org.jspecify.annotations.Nullable PauseReason pauseReason) {
    }

    /** An automatic pause: {@code code} (e.g. {@code quality.autoPaused}) with its figures, and when. */
    public record PauseReason(String code, Map<String, Object> params, Instant at) {
    }

    public List<Member> members(long projectId, CurrentUser user) {
        access.requireMember(projectId, user);
        return jdbc.sql("""
                SELECT a.id, a.username, a.display_name, m.role, m.paused, m.pause_reason::text
                FROM project_member m JOIN account a ON a.id = m.account_id
                WHERE m.project_id = :p ORDER BY m.role, a.username""")
                .param("p", projectId)
                .query((rs, i) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3),
                        ProjectRole.valueOf(rs.getString(4)), rs.getBoolean(5),
                        rs.getString(6) == null ? null : json.convert(json.parse(rs.getString(6)), PauseReason.class)))
                .list();
    }

    @Transactional
    public Member putMember(long projectId, long accountId, ProjectRole role, Boolean paused, CurrentUser user) {
        access.require(projectId, user, ProjectRole.MANAGER);
        if (role == null) {
            throw ApiException.invalid("role: must be LABELER, REVIEWER or MANAGER", List.of(FieldError.coded("role", "value.oneOf",
                    "must be LABELER, REVIEWER or MANAGER", "allowed", List.of("LABELER", "REVIEWER", "MANAGER"))));
        }
        boolean active = jdbc.sql("SELECT active FROM account WHERE id = :a").param("a", accountId)
                .query(Boolean.class).optional().orElseThrow(() -> ApiException.notFound("Account", accountId));
        if (!active) {
            throw ApiException.invalid("accountId: account " + accountId + " is deactivated", List.of(FieldError.coded("accountId",
                    "account.deactivated", "account " + accountId + " is deactivated", "id", accountId)));
        }
        jdbc.sql("""
                INSERT INTO project_member (project_id, account_id, role, paused) VALUES (:p, :a, :r, coalesce(:paused, false))
                ON CONFLICT (project_id, account_id) DO UPDATE SET role = excluded.role,
                    paused = coalesce(:paused, project_member.paused),
                    pause_reason = CASE WHEN CAST(:paused AS boolean) IS NULL THEN project_member.pause_reason END,
                    quality_since = CASE WHEN project_member.paused AND NOT coalesce(CAST(:paused AS boolean), true)
                                         AND project_member.pause_reason IS NOT NULL THEN now()
                                         ELSE project_member.quality_since END""")
                .param("p", projectId).param("a", accountId).param("r", role.name()).param("paused", paused).update();
        boolean pausedNow = jdbc.sql("SELECT paused FROM project_member WHERE project_id = :p AND account_id = :a")
                .param("p", projectId).param("a", accountId).query(Boolean.class).single();
        if (pausedNow) {
            publisher.publishEvent(new LabelingEnded(projectId, accountId, "paused"));
            publisher.publishEvent(new ReviewingEnded(projectId, accountId, "paused"));
        } else {
            roleChanged(projectId, accountId, role);
        }
        return members(projectId, user).stream().filter(m -> m.accountId() == accountId).findFirst().orElseThrow();
    }

    // ---- automatic pause (issue 11): task scores gold and asks here, in the same transaction

    /** A member's row, locked: whether they are paused, and since when their gold answers count (null: all). */
    public record MemberLock(boolean paused, @org.jspecify.annotations.Nullable Instant qualitySince) {
    }

    /**
     * Locks the membership row, so that concurrent gold answers of one labeler are judged one after another (the one
     * that crosses the threshold pauses, exactly once); empty when not a member.
     */
    public java.util.Optional<MemberLock> lockMember(long projectId, long accountId) {
        return jdbc.sql("SELECT paused, quality_since FROM project_member WHERE project_id = :p AND account_id = :a FOR UPDATE")
                .param("p", projectId).param("a", accountId)
                .query((rs, i) -> new MemberLock(rs.getBoolean(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .optional();
    }

    /**
     * Pauses a member on the system's behalf with the reason the browser says ({@code code}, {@code params}). The
     * caller ends their leases (task knows its own rows and locks).
     */
    public void pauseAutomatically(long projectId, long accountId, String code, Map<String, Object> params, Instant at) {
        jdbc.sql("""
                UPDATE project_member SET paused = true, pause_reason = :r::jsonb
                WHERE project_id = :p AND account_id = :a""")
                .param("r", json.write(new PauseReason(code, params, at))).param("p", projectId).param("a", accountId)
                .update();
    }

    /**
     * Adds a member on the system's behalf, with no manager acting (an academy placement accepted). Never demotes a
     * project manager. False when the project no longer exists.
     */
    @Transactional
    public boolean enrol(long projectId, long accountId, ProjectRole role) {
        boolean exists = jdbc.sql("SELECT exists(SELECT 1 FROM project WHERE id = :p)").param("p", projectId)
                .query(Boolean.class).single();
        if (!exists) return false;
        int changed = jdbc.sql("""
                INSERT INTO project_member (project_id, account_id, role) VALUES (:p, :a, :r)
                ON CONFLICT (project_id, account_id) DO UPDATE SET role = excluded.role
                WHERE project_member.role <> 'MANAGER'""")
                .param("p", projectId).param("a", accountId).param("r", role.name()).update();
        if (changed > 0) roleChanged(projectId, accountId, role);
        return true;
    }

    /** Ends the leases of the work the new role no longer allows (labeling unless a labeler, review if a labeler). */
    private void roleChanged(long projectId, long accountId, ProjectRole role) {
        if (role != ProjectRole.LABELER) publisher.publishEvent(new LabelingEnded(projectId, accountId, "role"));
        else publisher.publishEvent(new ReviewingEnded(projectId, accountId, "role"));
    }

    @Transactional
    public void removeMember(long projectId, long accountId, CurrentUser user) {
        access.require(projectId, user, ProjectRole.MANAGER);
        int n = jdbc.sql("DELETE FROM project_member WHERE project_id = :p AND account_id = :a")
                .param("p", projectId).param("a", accountId).update();
        if (n == 0) throw ApiException.notFound("Member", accountId);
        publisher.publishEvent(new LabelingEnded(projectId, accountId, "removed"));
        publisher.publishEvent(new ReviewingEnded(projectId, accountId, "removed"));
    }

    public JsonNode schemaVersion(long projectId, int version) {
        return jdbc.sql("SELECT schema FROM project_schema WHERE project_id = :p AND version = :v")
                .param("p", projectId).param("v", version)
                .query((rs, i) -> json.column(rs, "schema")).optional()
                .orElseThrow(() -> ApiException.notFound("Schema version", version));
    }
}
