package org.labelcrew.quality;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.project.ProjectSettings;
import org.labelcrew.task.TaskStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A project's quality report. Each figure is its own member of {@link Quality} (gold now; agreement, review outcomes
 * later), computed in SQL over the stored work.
 */
@Service
public class QualityService {

    private final JdbcClient jdbc;
    private final ProjectAccess access;

    QualityService(JdbcClient jdbc, ProjectAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    public record Quality(long projectId, Gold gold) {
    }

    /**
     * Gold accuracy: the gold items, the scored answers to them and their mean score (0..1, null when none), overall,
     * per labeler (lowest mean first: who needs attention) and per field of the schema.
     */
    public record Gold(double rate, long items, long answers, @Nullable Double meanScore, List<LabelerGold> perLabeler,
            List<FieldGold> perField) {
    }

    /** {@code skipped}: gold items the labeler skipped and has not answered (skipping does not dodge gold: see task.Strategies). */
    public record LabelerGold(long accountId, String username, long answers, @Nullable Double meanScore, long skipped) {
    }

    public record FieldGold(String field, String type, long answers, Double meanScore) {
    }

    public Quality quality(long projectId, CurrentUser user) {
        access.require(projectId, user, ProjectRole.MANAGER);
        return new Quality(projectId, gold(projectId));
    }

    private Gold gold(long projectId) {
        ProjectSettings settings = access.settings(projectId);
        double rate = settings.goldRate();
        long items = settings.goldItems();
        // A labeler who only skipped gold has no mean: listed first, beside the lowest scores, as needing attention.
        List<LabelerGold> perLabeler = jdbc.sql("""
                SELECT a.labeler_id, acc.username, count(*) FILTER (WHERE a.state = 'SCORED') AS answers,
                       avg(a.gold_score) FILTER (WHERE a.state = 'SCORED') AS mean,
                       count(*) FILTER (WHERE a.state = 'SKIPPED') AS skipped
                FROM """ + TaskStore.goldAnswers() + """
                 a JOIN account acc ON acc.id = a.labeler_id
                WHERE a.project_id = :p AND a.state IN ('SCORED', 'SKIPPED')
                GROUP BY a.labeler_id, acc.username ORDER BY mean NULLS FIRST, acc.username""")
                .param("p", projectId)
                .query((rs, i) -> new LabelerGold(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        rs.getObject(4) == null ? null : round(rs.getDouble(4)), rs.getLong(5)))
                .list();
        long answers = perLabeler.stream().mapToLong(LabelerGold::answers).sum();
        Double mean = answers == 0 ? null : round(perLabeler.stream().filter(l -> l.meanScore() != null)
                .mapToDouble(l -> l.meanScore() * l.answers()).sum() / answers);
        // Per field: the scored fields of every answer's feedback (fields without a scorer carry no score).
        List<FieldGold> perField = jdbc.sql("""
                SELECT f->>'field', f->>'type', count(*), avg((f->>'score')::double precision)
                FROM """ + TaskStore.goldAnswers() + """
                 a CROSS JOIN LATERAL jsonb_array_elements(a.gold_feedback) f
                WHERE a.project_id = :p AND a.state = 'SCORED' AND f->>'score' IS NOT NULL
                GROUP BY 1, 2 ORDER BY 1""")
                .param("p", projectId)
                .query((rs, i) -> new FieldGold(rs.getString(1), rs.getString(2), rs.getLong(3), round(rs.getDouble(4))))
                .list();
        return new Gold(rate, items, answers, mean, perLabeler, perField);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
