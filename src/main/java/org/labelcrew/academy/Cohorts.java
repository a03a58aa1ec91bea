package org.labelcrew.academy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.task.TaskStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cohorts: one run of a course with a number of seats, a registration window and sessions (time and place). Also the
 * roster — one row per live registration with attendance, best exam score and placement — which the registration
 * list, the funnel and placement all read, so they agree with each other.
 */
@Service
class Cohorts {

    private final JdbcClient jdbc;
    private final Courses courses;
    private final AcademyEvents events;
    private final Owners owners;
    private final Clock clock;

    Cohorts(JdbcClient jdbc, Courses courses, AcademyEvents events, Owners owners, Clock clock) {
        this.jdbc = jdbc;
        this.owners = owners;
        this.courses = courses;
        this.events = events;
        this.clock = clock;
    }

    record SessionRequest(Instant startsAt, Instant endsAt, String place) {
    }

    /** minAttendance: the share of session hours a trainee must attend to complete (default 0.8). */
    record CohortRequest(Long courseId, String name, Integer capacity, Instant registrationOpensAt,
            Instant registrationClosesAt, Double minAttendance, List<SessionRequest> sessions) {
    }

    record Session(long id, Instant startsAt, Instant endsAt, String place, double hours) {
    }

    /** The signed-in person's own registration in a cohort, when there is one. */
    record Mine(long registrationId, @Schema(implementation = RegistrationStatus.class) String status, @Nullable Integer position) {
    }

    record Cohort(long id, long courseId, String courseName, String name, int capacity, int registered, int seatsLeft,
            int waitlisted, Instant registrationOpensAt, Instant registrationClosesAt,
            @Schema(allowableValues = {"UPCOMING", "OPEN", "CLOSED"}) String registrationState,
            double minAttendance, double totalHours, List<String> places, List<Session> sessions, @Nullable Mine me) {
    }

    @Transactional
    Cohort create(CohortRequest req, CurrentUser user) {
        Access.requireManager(user);
        List<FieldError> errors = new ArrayList<>();
        if (req.courseId() == null) errors.add(FieldError.coded("courseId", "field.required", "is required"));
        else if (!exists("course", req.courseId())) {
            errors.add(FieldError.coded("courseId", "academy.noCourse", "course " + req.courseId() + " does not exist", "id", req.courseId()));
        }
        if (req.name() == null || req.name().isBlank()) errors.add(FieldError.coded("name", "field.required", "is required"));
        if (req.capacity() == null || req.capacity() < 1 || req.capacity() > 100_000) {
            errors.add(FieldError.coded("capacity", "number.range", "must be at least 1 (and at most 100000)", "min", 1, "max", 100_000));
        }
        if (req.registrationOpensAt() == null) errors.add(FieldError.coded("registrationOpensAt", "field.required", "is required"));
        if (req.registrationClosesAt() == null) errors.add(FieldError.coded("registrationClosesAt", "field.required", "is required"));
        if (req.registrationOpensAt() != null && req.registrationClosesAt() != null
                && !req.registrationClosesAt().isAfter(req.registrationOpensAt())) {
            errors.add(FieldError.coded("registrationClosesAt", "time.notAfter", "must be after registrationOpensAt", "other", "registrationOpensAt"));
        }
        if (req.minAttendance() != null && (req.minAttendance() <= 0 || req.minAttendance() > 1)) {
            errors.add(FieldError.coded("minAttendance", "academy.badMinAttendance", "must be a share of the hours, more than 0 and at most 1 (0.8 = 80%)"));
        }
        List<SessionRequest> sessions = req.sessions() == null ? List.of() : req.sessions();
        if (sessions.isEmpty()) errors.add(FieldError.coded("sessions", "academy.noSessions", "name at least one session (startsAt, endsAt, place)"));
        for (int i = 0; i < sessions.size(); i++) {
            SessionRequest s = sessions.get(i);
            String at = "sessions[" + i + "]";
            if (s == null || s.startsAt() == null || s.endsAt() == null) {
                errors.add(FieldError.coded(at, "academy.sessionTimes", "needs startsAt and endsAt"));
                continue;
            }
            if (!s.endsAt().isAfter(s.startsAt())) errors.add(FieldError.coded(at + ".endsAt", "time.notAfter", "must be after startsAt", "other", "startsAt"));
            if (s.place() == null || s.place().isBlank()) errors.add(FieldError.coded(at + ".place", "field.required", "is required"));
            SessionRequest prev = i > 0 ? sessions.get(i - 1) : null;
            if (prev != null && prev.endsAt() != null && s.startsAt().isBefore(prev.endsAt())) {
                errors.add(FieldError.coded(at + ".startsAt", "academy.sessionsOverlap", "must not be before the end of sessions[" + (i - 1)
                        + "]: list sessions in order, without overlap", "other", "sessions[" + (i - 1) + "]"));
            }
        }
        if (!errors.isEmpty()) throw ApiException.invalid("The cohort is not valid", errors);
        long id = jdbc.sql("""
                INSERT INTO cohort (course_id, name, capacity, registration_opens_at, registration_closes_at,
                                    min_attendance, created_by)
                VALUES (:course, :name, :capacity, :opens, :closes, :min, :by) RETURNING id""")
                .param("course", req.courseId()).param("name", req.name().trim()).param("capacity", req.capacity())
                .param("opens", Sql.ts(req.registrationOpensAt())).param("closes", Sql.ts(req.registrationClosesAt()))
                .param("min", req.minAttendance() == null ? 0.8 : req.minAttendance()).param("by", user.id())
                .query(Long.class).single();
        for (SessionRequest s : sessions) {
            jdbc.sql("INSERT INTO cohort_session (cohort_id, starts_at, ends_at, place) VALUES (:c, :s, :e, :p)")
                    .param("c", id).param("s", Sql.ts(s.startsAt())).param("e", Sql.ts(s.endsAt()))
                    .param("p", s.place().trim()).update();
        }
        events.append("COHORT_CREATE", id, null, user.id(), Map.of("capacity", req.capacity()), clock.instant());
        return get(id, user);
    }

    /** Open and upcoming cohorts (registration not yet closed); {@code all} adds past ones, for managers. */
    List<Cohort> list(boolean all, CurrentUser user) {
        Instant now = clock.instant();
        List<Long> ids = jdbc.sql("""
                SELECT id FROM cohort WHERE :all OR registration_closes_at > :now
                ORDER BY registration_opens_at, id""")
                .param("all", all).param("now", Sql.ts(now)).query(Long.class).list();
        List<Cohort> out = new ArrayList<>();
        for (long id : ids) out.add(get(id, user));
        return out;
    }

    Cohort get(long id, CurrentUser user) {
        Instant now = clock.instant();
        record Row(long id, long courseId, String courseName, String name, int capacity, int registered, int waitlisted,
                Instant opens, Instant closes, double min) {
        }
        Row r = jdbc.sql("""
                SELECT c.*, co.name AS course_name FROM cohort c JOIN course co ON co.id = c.course_id WHERE c.id = :id""")
                .param("id", id)
                .query((rs, i) -> new Row(rs.getLong("id"), rs.getLong("course_id"), rs.getString("course_name"),
                        rs.getString("name"), rs.getInt("capacity"), rs.getInt("registered"), rs.getInt("waitlisted"),
                        Sql.instant(rs, "registration_opens_at"), Sql.instant(rs, "registration_closes_at"),
                        rs.getDouble("min_attendance")))
                .optional().orElseThrow(() -> ApiException.notFound("Cohort", id));
        List<Session> sessions = sessions(id);
        String state = now.isBefore(r.opens()) ? "UPCOMING" : now.isBefore(r.closes()) ? "OPEN" : "CLOSED";
        Mine me = user == null ? null : mine(id, user.id()).orElse(null);
        return new Cohort(r.id(), r.courseId(), r.courseName(), r.name(), r.capacity(), r.registered(),
                r.capacity() - r.registered(), r.waitlisted(), r.opens(), r.closes(), state, r.min(),
                sessions.stream().mapToDouble(Session::hours).sum(),
                sessions.stream().map(Session::place).distinct().toList(), sessions, me);
    }

    List<Session> sessions(long cohortId) {
        return jdbc.sql("""
                SELECT id, starts_at, ends_at, place, extract(epoch FROM ends_at - starts_at) / 3600.0 AS hours
                FROM cohort_session WHERE cohort_id = :c ORDER BY starts_at, id""")
                .param("c", cohortId)
                .query((rs, i) -> new Session(rs.getLong("id"), Sql.instant(rs, "starts_at"), Sql.instant(rs, "ends_at"),
                        rs.getString("place"), rs.getDouble("hours")))
                .list();
    }

    Optional<Mine> mine(long cohortId, long accountId) {
        return jdbc.sql("""
                SELECT r.id, r.status,
                       CASE WHEN r.status = 'WAITLISTED' THEN (SELECT count(*) FROM registration w
                            WHERE w.cohort_id = r.cohort_id AND w.status = 'WAITLISTED' AND w.id <= r.id) END AS position
                FROM registration r WHERE r.cohort_id = :c AND r.account_id = :a AND r.status <> 'CANCELLED'""")
                .param("c", cohortId).param("a", accountId)
                .query((rs, i) -> new Mine(rs.getLong(1), rs.getString(2), rs.getObject(3) == null ? null : rs.getInt(3)))
                .optional();
    }

    void requireExists(long cohortId) {
        if (!exists("cohort", cohortId)) throw ApiException.notFound("Cohort", cohortId);
    }

    private boolean exists(String table, long id) {
        return jdbc.sql("SELECT exists(SELECT 1 FROM " + table + " WHERE id = :id)").param("id", id)
                .query(Boolean.class).single();
    }

    // ---- attendance

    record AttendanceRequest(Long accountId, Boolean present) {
    }

    record Attendance(long sessionId, long accountId, boolean present, Instant recordedAt) {
    }

    @Transactional
    Attendance recordAttendance(long cohortId, long sessionId, AttendanceRequest req, CurrentUser user) {
        owners.requireCohort(cohortId, user);
        Instant startsAt = jdbc.sql("SELECT starts_at FROM cohort_session WHERE id = :s AND cohort_id = :c")
                .param("s", sessionId).param("c", cohortId).query((rs, i) -> Sql.instant(rs, "starts_at")).optional()
                .orElseThrow(() -> ApiException.notFound("Session " + sessionId + " of cohort", cohortId));
        Instant now = clock.instant();
        // Attendance says who was there: a session that has not started has no one to mark yet (a click ahead of time
        // would count hours towards completion, and placement, that nobody sat).
        if (now.isBefore(startsAt)) {
            String message = "session " + sessionId + " starts at " + startsAt + ": attendance can be taken once it has started";
            throw ApiException.invalid("sessionId: " + message, List.of(FieldError.coded("sessionId", "academy.sessionNotStarted", message,
                    "id", sessionId, "startsAt", startsAt.toString())));
        }
        List<FieldError> errors = new ArrayList<>();
        if (req.accountId() == null) errors.add(FieldError.coded("accountId", "field.required", "is required"));
        if (req.present() == null) errors.add(FieldError.coded("present", "field.required", "is required (true or false)"));
        if (!errors.isEmpty()) throw ApiException.invalid("The attendance is not valid", errors);
        boolean registered = jdbc.sql("""
                SELECT exists(SELECT 1 FROM registration WHERE cohort_id = :c AND account_id = :a AND status = 'REGISTERED')""")
                .param("c", cohortId).param("a", req.accountId()).query(Boolean.class).single();
        if (!registered) {
            String message = "account " + req.accountId() + " holds no seat in cohort " + cohortId;
            throw ApiException.invalid("accountId: " + message, List.of(FieldError.coded("accountId", "academy.noSeat", message,
                    "id", req.accountId(), "cohortId", cohortId)));
        }
        jdbc.sql("""
                INSERT INTO attendance (session_id, account_id, present, recorded_by, recorded_at)
                VALUES (:s, :a, :p, :by, :at)
                ON CONFLICT (session_id, account_id) DO UPDATE
                    SET present = excluded.present, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at""")
                .param("s", sessionId).param("a", req.accountId()).param("p", req.present()).param("by", user.id())
                .param("at", Sql.ts(now)).update();
        events.append("ATTENDANCE", cohortId, req.accountId(), user.id(),
                Map.of("sessionId", sessionId, "present", req.present()), now);
        return new Attendance(sessionId, req.accountId(), req.present(), now);
    }

    // ---- the roster

    /** One live registration with everything the academy knows about that person in this cohort. */
    record RosterRow(long registrationId, long accountId, String username, String displayName,
            @Schema(implementation = RegistrationStatus.class) String status, @Nullable Integer position, Instant registeredAt, double attendedHours, int attendedSessions, double totalHours,
            double attendanceRatio, boolean completed, @Nullable Double bestScore, @Nullable Instant bestSubmittedAt,
            boolean examPassed, @Nullable Long placementId, @Nullable @Schema(implementation = PlacementRole.class) String placementRole, @Nullable Instant acceptedAt, boolean active, Map<Long, Boolean> attendance) {
    }

    List<RosterRow> roster(long cohortId) {
        requireExists(cohortId);
        Map<Long, Map<Long, Boolean>> marks = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT a.account_id, a.session_id, a.present FROM attendance a
                JOIN cohort_session s ON s.id = a.session_id WHERE s.cohort_id = :c ORDER BY s.starts_at""")
                .param("c", cohortId)
                .query((ResultSet rs) -> {
                    marks.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getLong(2), rs.getBoolean(3));
                });
        return jdbc.sql("""
                WITH sessions AS (
                    SELECT id, extract(epoch FROM ends_at - starts_at) / 3600.0 AS hours
                    FROM cohort_session WHERE cohort_id = :c
                ), total AS (
                    SELECT coalesce(sum(hours), 0) AS hours FROM sessions
                ), present AS (
                    SELECT a.account_id, sum(s.hours) AS hours, count(*) AS sessions
                    FROM attendance a JOIN sessions s ON s.id = a.session_id WHERE a.present GROUP BY a.account_id
                ), attempts AS (
                    SELECT t.* FROM exam_attempt t JOIN exam e ON e.id = t.exam_id
                    WHERE e.cohort_id = :c AND t.submitted_at IS NOT NULL
                ), best AS (
                    SELECT DISTINCT ON (account_id) account_id, score, submitted_at FROM attempts
                    ORDER BY account_id, score DESC, submitted_at, id
                ), passed AS (
                    SELECT account_id, bool_or(passed) AS passed FROM attempts GROUP BY account_id
                )
                SELECT r.id, r.account_id, a.username, a.display_name, r.status, r.created_at,
                       CASE WHEN r.status = 'WAITLISTED'
                            THEN row_number() OVER (PARTITION BY r.status ORDER BY r.id) END AS position,
                       coalesce(p.hours, 0) AS attended_hours, coalesce(p.sessions, 0) AS attended_sessions,
                       total.hours AS total_hours,
                       CASE WHEN total.hours > 0 THEN coalesce(p.hours, 0) / total.hours ELSE 0 END AS ratio,
                       (r.status = 'REGISTERED' AND total.hours > 0
                            AND coalesce(p.hours, 0) >= total.hours * c.min_attendance) AS completed,
                       b.score AS best_score, b.submitted_at AS best_at, coalesce(x.passed, false) AS passed,
                       pl.id AS placement_id, pl.role AS placement_role, pl.accepted_at,
                       (pl.accepted_at IS NOT NULL AND """ + TaskStore.submittedInAny("r.account_id", "pl.project_ids") + """
                       ) AS active
                FROM registration r
                JOIN cohort c ON c.id = r.cohort_id
                JOIN account a ON a.id = r.account_id
                CROSS JOIN total
                LEFT JOIN present p ON p.account_id = r.account_id
                LEFT JOIN best b ON b.account_id = r.account_id
                LEFT JOIN passed x ON x.account_id = r.account_id
                LEFT JOIN placement pl ON pl.cohort_id = r.cohort_id AND pl.account_id = r.account_id
                WHERE r.cohort_id = :c AND r.status <> 'CANCELLED'
                ORDER BY r.id""")
                .param("c", cohortId)
                .query((rs, i) -> new RosterRow(rs.getLong("id"), rs.getLong("account_id"), rs.getString("username"),
                        rs.getString("display_name"), rs.getString("status"),
                        rs.getObject("position") == null ? null : rs.getInt("position"), Sql.instant(rs, "created_at"),
                        round(rs.getDouble("attended_hours")), rs.getInt("attended_sessions"),
                        round(rs.getDouble("total_hours")), round(rs.getDouble("ratio")), rs.getBoolean("completed"),
                        Sql.doubleOrNull(rs, "best_score"), Sql.instant(rs, "best_at"), rs.getBoolean("passed"),
                        Sql.longOrNull(rs, "placement_id"), rs.getString("placement_role"), Sql.instant(rs, "accepted_at"),
                        rs.getBoolean("active"), marks.getOrDefault(rs.getLong("account_id"), Map.of())))
                .list();
    }

    double minAttendance(long cohortId) {
        return jdbc.sql("SELECT min_attendance FROM cohort WHERE id = :c").param("c", cohortId).query(Double.class)
                .optional().orElseThrow(() -> ApiException.notFound("Cohort", cohortId));
    }

    // ---- the funnel

    record Step(@Schema(allowableValues = {"registered", "attended", "completed", "examPassed", "placed", "active"})
            String step, long count, double shareOfRegistered) {
    }

    record Funnel(long cohortId, int capacity, long waitlisted, double minAttendance, List<Step> steps) {
    }

    /**
     * Registered → attended (at least one session) → completed (attendance rule met) → exam passed → placed (reviewer
     * or labeler) → active (has submitted work in a target project). Each step counts the people of the step before
     * who also meet its condition, so the chart only narrows.
     */
    Funnel funnel(long cohortId, CurrentUser user) {
        owners.requireCohort(cohortId, user);
        Cohort c = get(cohortId, null);
        List<RosterRow> seated = roster(cohortId).stream().filter(r -> "REGISTERED".equals(r.status())).toList();
        long registered = seated.size();
        List<RosterRow> attended = seated.stream().filter(r -> r.attendedSessions() > 0).toList();
        List<RosterRow> completed = attended.stream().filter(RosterRow::completed).toList();
        List<RosterRow> passed = completed.stream().filter(RosterRow::examPassed).toList();
        List<RosterRow> placed = passed.stream()
                .filter(r -> "REVIEWER".equals(r.placementRole()) || "LABELER".equals(r.placementRole())).toList();
        List<RosterRow> active = placed.stream().filter(RosterRow::active).toList();
        List<Step> steps = List.of(
                step("registered", registered, registered), step("attended", attended.size(), registered),
                step("completed", completed.size(), registered), step("examPassed", passed.size(), registered),
                step("placed", placed.size(), registered), step("active", active.size(), registered));
        return new Funnel(cohortId, c.capacity(), c.waitlisted(), c.minAttendance(), steps);
    }

    static String csv(Funnel f) {
        StringBuilder sb = new StringBuilder("step,count,share_of_registered\n");
        for (Step s : f.steps()) sb.append(s.step()).append(',').append(s.count()).append(',').append(s.shareOfRegistered()).append('\n');
        return sb.toString();
    }

    private static Step step(String name, long count, long registered) {
        return new Step(name, count, registered == 0 ? 0 : round((double) count / registered));
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
