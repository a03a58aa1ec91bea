package org.labelcrew.academy;

import java.sql.Array;
import java.util.ArrayList;
import java.util.List;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.shared.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who may act on an academy object. Academy objects belong to the projects they feed people into:
 * <ul>
 * <li>a <b>cohort</b> targets the projects of its exams ({@code exam.project_id}) and of its placements
 * ({@code placement.project_ids});</li>
 * <li>an <b>exam</b> targets its project, else (no project) the projects its cohort targets.</li>
 * </ul>
 * Only administrators and the managers of a target project may act on the object or read what it holds about people
 * (rosters with scores, attendance, other people's attempts, exam references, placements). An object that targets no
 * project yet belongs to the manager who created it (and administrators) until it does. Changing placements needs
 * more: managing <em>every</em> project the cohort targets, so that nobody re-routes people meant for a project they do
 * not manage. Anyone else gets 403 (404 when the object does not exist). Courses and the public parts of cohorts
 * (dates, seats) are a catalogue: any manager may create them, anyone may read them.
 */
@Service
class Owners {

    private final JdbcClient jdbc;
    private final ProjectAccess projectAccess;

    Owners(JdbcClient jdbc, ProjectAccess projectAccess) {
        this.jdbc = jdbc;
        this.projectAccess = projectAccess;
    }

    /** The projects an object targets, and who created it. */
    private record Owned(List<Long> projects, Long createdBy) {
    }

    /** How many of the projects the caller manages (memberships are the project feature's to tell). */
    private int managed(List<Long> projects, CurrentUser user) {
        int n = 0;
        for (long p : projects) {
            if (projectAccess.membership(p, user).filter(m -> m.role() == ProjectRole.MANAGER).isPresent()) n++;
        }
        return n;
    }

    private static final String COHORT_TARGETS = """
            SELECT array(SELECT project_id FROM exam WHERE cohort_id = :c AND project_id IS NOT NULL
                         UNION SELECT unnest(project_ids) FROM placement WHERE cohort_id = :c ORDER BY 1)""";

    private Owned cohort(long cohortId, CurrentUser user) {
        return jdbc.sql("""
                WITH t AS (%s AS projects)
                SELECT t.projects, c.created_by FROM cohort c CROSS JOIN t WHERE c.id = :c""".formatted(COHORT_TARGETS))
                .param("c", cohortId)
                .query((rs, i) -> new Owned(longs(rs.getArray(1)), Sql.longOrNull(rs, "created_by")))
                .optional().orElseThrow(() -> ApiException.notFound("Cohort", cohortId));
    }

    private Owned exam(long examId, CurrentUser user) {
        return jdbc.sql("""
                WITH e AS (SELECT * FROM exam WHERE id = :e),
                t AS (SELECT CASE WHEN e.project_id IS NOT NULL THEN ARRAY[e.project_id]
                                  WHEN e.cohort_id IS NOT NULL THEN (%s)
                                  ELSE '{}'::bigint[] END AS projects FROM e)
                SELECT t.projects, e.created_by FROM e CROSS JOIN t""".formatted(COHORT_TARGETS.replace(":c", "e.cohort_id")))
                .param("e", examId)
                .query((rs, i) -> new Owned(longs(rs.getArray(1)), Sql.longOrNull(rs, "created_by")))
                .optional().orElseThrow(() -> ApiException.notFound("Exam", examId));
    }

    /** 404 unknown cohort; 403 unless admin, or a manager of one of its projects (its creator while it has none). */
    void requireCohort(long cohortId, CurrentUser user) {
        Access.requireManager(user);
        Owned o = cohort(cohortId, user);
        if (!user.isAdmin()) check(o, user, false, "Cohort " + cohortId);
    }

    /** Like {@link #requireCohort}, but the caller must manage every project the cohort targets. */
    void requireCohortFully(long cohortId, CurrentUser user) {
        Access.requireManager(user);
        Owned o = cohort(cohortId, user);
        if (!user.isAdmin()) check(o, user, true, "Cohort " + cohortId);
    }

    /** 404 unknown exam; 403 unless admin, or a manager of a project it targets (its creator while it has none). */
    void requireExam(long examId, CurrentUser user) {
        Access.requireManager(user);
        Owned o = exam(examId, user);
        if (!user.isAdmin()) check(o, user, false, "Exam " + examId);
    }

    /** Whether the caller may act on the exam (see its references, others' attempts), without throwing. */
    boolean ownsExam(long examId, CurrentUser user) {
        if (user.isAdmin()) return true;
        if (!user.canManageProjects()) return false;
        Owned o = exam(examId, user);
        return o.projects().isEmpty() ? o.createdBy() != null && o.createdBy() == user.id() : managed(o.projects(), user) > 0;
    }

    private void check(Owned o, CurrentUser user, boolean every, String what) {
        if (o.projects().isEmpty()) {
            if (o.createdBy() != null && o.createdBy() == user.id()) return;
            throw ApiException.forbidden(what + " targets no project yet: only the manager who created it and"
                    + " administrators act on it");
        }
        int managed = managed(o.projects(), user);
        if (every ? managed == o.projects().size() : managed > 0) return;
        throw ApiException.forbidden(what + " belongs to project(s) " + o.projects() + ": only "
                + (every ? "a manager of every one of them" : "their managers") + " and administrators act on it");
    }

    private static List<Long> longs(Array array) throws java.sql.SQLException {
        List<Long> out = new ArrayList<>();
        if (array != null) for (Object o : (Object[]) array.getArray()) out.add(((Number) o).longValue());
        return out;
    }
}
