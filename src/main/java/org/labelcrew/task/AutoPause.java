package org.labelcrew.task;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectService;
import org.labelcrew.project.ProjectSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Automatic pause (project setting {@code autoPause}): after each scored gold answer, in the submit's transaction, a
 * labeler whose mean gold score is below {@code minAccuracy} once they have {@code minGoldAnswers} answers (counted
 * since a manager last resumed them) is paused on the project, with the figures as the reason, logged on the gold
 * task's history ({@code AUTO_PAUSE}) and their other leases there ended.
 * <p>
 * Concurrent answers of one labeler are judged one after another: the membership row is locked first, and the figures
 * are read after the lock (a new statement sees what the other answer committed), so the answer that crosses the
 * threshold pauses, exactly once. Leases are ended with {@code SKIP LOCKED}: a lease another transaction holds (that
 * labeler submitting elsewhere at the same moment) is left to that transaction, which would otherwise deadlock with
 * this one; every later action on it checks the pause anyway.
 */
@Component
class AutoPause {

    static final String CODE = "quality.autoPaused";

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final ProjectService projects;
    private final TaskEvents events;

    AutoPause(JdbcClient jdbc, ProjectAccess access, ProjectService projects, TaskEvents events) {
        this.jdbc = jdbc;
        this.access = access;
        this.projects = projects;
        this.events = events;
    }

    /** Called after a gold answer was scored and stored; true when it paused the labeler. */
    boolean afterGoldAnswer(long projectId, long labelerId, long taskId, long assignmentId, Instant now) {
        ProjectSettings s = access.settings(projectId);
        if (!s.autoPauses()) return false;
        Optional<ProjectService.MemberLock> member = projects.lockMember(projectId, labelerId);
        if (member.isEmpty() || member.get().paused()) return false;
        Instant since = member.get().qualitySince();
        record Figures(long answers, double mean) {
        }
        Figures f = jdbc.sql("""
                SELECT count(*), coalesce(avg(gold_score), 0) FROM assignment
                WHERE project_id = :p AND labeler_id = :l AND gold AND state = 'SCORED'
                  AND (CAST(:since AS timestamptz) IS NULL OR updated_at > CAST(:since AS timestamptz))""")
                .param("p", projectId).param("l", labelerId).param("since", since == null ? null : Timestamp.from(since))
                .query((rs, i) -> new Figures(rs.getLong(1), rs.getDouble(2))).single();
        if (f.answers() < s.autoPauseMinGold() || f.mean() >= s.autoPauseMinAccuracy()) return false;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("answers", f.answers());
        params.put("accuracy", Math.round(f.mean() * 10_000) / 10_000.0);
        params.put("minAccuracy", s.autoPauseMinAccuracy());
        params.put("minGoldAnswers", s.autoPauseMinGold());
        projects.pauseAutomatically(projectId, labelerId, CODE, params, now);
        Map<String, Object> detail = new LinkedHashMap<>(params);
        detail.put("labelerId", labelerId);
        events.append(taskId, projectId, TaskEvents.AUTO_PAUSE, null, assignmentId, detail);
        record Ended(long id, long taskId) {
        }
        List<Ended> ended = jdbc.sql("""
                UPDATE assignment SET state = 'EXPIRED', lease_expires_at = :now, updated_at = :now
                WHERE id IN (SELECT id FROM assignment WHERE project_id = :p AND labeler_id = :l AND state = 'LEASED'
                             FOR UPDATE SKIP LOCKED)
                RETURNING id, task_id""")
                .param("now", Timestamp.from(now)).param("p", projectId).param("l", labelerId)
                .query((rs, i) -> new Ended(rs.getLong(1), rs.getLong(2))).list();
        for (Ended x : ended) {
            jdbc.sql("SELECT refresh_task(:t)").param("t", x.taskId()).query().rowSet();
            events.append(x.taskId(), projectId, TaskEvents.EXPIRE, null, x.id(), Map.of("reason", "autoPaused"));
        }
        return true;
    }
}
