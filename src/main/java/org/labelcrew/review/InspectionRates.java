package org.labelcrew.review;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.labelcrew.project.ProjectSettings;
import org.labelcrew.task.TaskStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The adaptive inspection rate (review mode ADAPTIVE): how large a share of a labeler's submissions is drawn for
 * review, from their last {@code window} inspected submissions (first human decisions, as in {@link ReviewFigures}:
 * REJECT and CORRECT are defects) and their last {@code window} gold answers (error = 1 − mean score).
 * <p>
 * {@code e} = the larger of the rejection rate and the gold error (of those the labeler has); the raw rate is
 * {@code min} at e = 0, rising linearly to {@code base} at e = {@link #TOLERANCE} and on to {@code max} at
 * 2 × TOLERANCE and above. With {@code n} = inspections + gold answers, the confidence {@code c = min(1, n / window)}
 * blends it with the maximum: {@code rate = c × raw + (1 − c) × max}. A new labeler (n = 0) is drawn at {@code max};
 * a reliable one falls towards {@code min} as the evidence grows. docs/quality.md has worked examples.
 */
@Component
public class InspectionRates {

    /** The error rate at which a labeler is drawn at the project's base rate (5 %: semantic accuracy's margin). */
    public static final double TOLERANCE = 0.05;

    private final JdbcClient jdbc;

    InspectionRates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Policy(double minRate, double baseRate, double maxRate, int window) {
        public static @Nullable Policy of(ProjectSettings p) {
            return p.adaptiveReview() ? new Policy(p.reviewMinRate(), p.sampleRate(), p.reviewMaxRate(), p.reviewWindow()) : null;
        }
    }

    /** What the rate is computed from: counts within the window. */
    public record Evidence(long inspected, long defects, long goldAnswers, @Nullable Double goldMeanScore) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "LabelerInspectionRate")
    public record Rate(long accountId, String username, long inspected, long defects, @Nullable Double rejectionRate, long goldAnswers,
            @Nullable Double goldError, double confidence, double rate) {
    }

    /** The formula (class comment), rounded to 4 decimals. */
    public static Rate rate(long accountId, String username, Policy policy, Evidence ev) {
        Double rejection = ev.inspected() == 0 ? null : (double) ev.defects() / ev.inspected();
        Double goldError = ev.goldAnswers() == 0 || ev.goldMeanScore() == null ? null : Math.max(0, 1 - ev.goldMeanScore());
        long n = ev.inspected() + (goldError == null ? 0 : ev.goldAnswers());
        double confidence = Math.min(1.0, (double) n / policy.window());
        double raw = policy.maxRate();
        if (rejection != null || goldError != null) {
            double e = Math.max(rejection == null ? 0 : rejection, goldError == null ? 0 : goldError);
            if (e >= 2 * TOLERANCE) raw = policy.maxRate();
            else if (e >= TOLERANCE) raw = policy.baseRate() + (policy.maxRate() - policy.baseRate()) * (e - TOLERANCE) / TOLERANCE;
            else raw = policy.minRate() + (policy.baseRate() - policy.minRate()) * e / TOLERANCE;
        }
        double rate = confidence * raw + (1 - confidence) * policy.maxRate();
        return new Rate(accountId, username, ev.inspected(), ev.defects(), round(rejection), ev.goldAnswers(), round(goldError),
                round(confidence), round(rate));
    }

    private static @Nullable Double round(@Nullable Double v) {
        return v == null ? null : Math.round(v * 10_000) / 10_000.0;
    }

    /** One labeler's rate in an ADAPTIVE project now; 1 when the project is not ADAPTIVE. */
    public double rateFor(ProjectSettings project, long labelerId) {
        Policy policy = Policy.of(project);
        if (policy == null) return 1.0;
        List<Rate> rates = compute(project.id(), policy, labelerId);
        return rates.isEmpty() ? policy.maxRate() : rates.get(0).rate();
    }

    /** Every labeler with work in the project (submitted or gold answered), by account id; empty unless ADAPTIVE. */
    public List<Rate> forProject(ProjectSettings project) {
        Policy policy = Policy.of(project);
        return policy == null ? List.of() : compute(project.id(), policy, null);
    }

    private List<Rate> compute(long projectId, Policy policy, @Nullable Long labelerId) {
        String only = labelerId == null ? "" : " AND a.labeler_id = :l";
        String onlyGold = labelerId == null ? "" : " AND g.labeler_id = :l";
        var sql = jdbc.sql("""
                WITH firsts AS (
                    SELECT DISTINCT ON (r.assignment_id) r.assignment_id, a.labeler_id, r.verdict, r.decided_at, r.id
                    FROM review r JOIN""" + TaskStore.assignments() + """
                    a ON a.id = r.assignment_id
                    WHERE r.project_id = :p AND r.verdict IN ('APPROVE', 'REJECT', 'CORRECT')""" + only + """

                    ORDER BY r.assignment_id, r.decided_at, r.id),
                inspected AS (
                    SELECT labeler_id, count(*) AS n, count(*) FILTER (WHERE verdict <> 'APPROVE') AS defects
                    FROM (SELECT f.*, row_number() OVER (PARTITION BY labeler_id ORDER BY decided_at DESC, id DESC) AS k
                          FROM firsts f) x
                    WHERE k <= :w GROUP BY labeler_id),
                gold AS (
                    SELECT labeler_id, count(*) AS n, avg(gold_score) AS mean
                    FROM (SELECT g.labeler_id, g.gold_score,
                                 row_number() OVER (PARTITION BY g.labeler_id ORDER BY g.updated_at DESC, g.id DESC) AS k
                          FROM""" + TaskStore.goldAnswers() + """
                          g WHERE g.project_id = :p AND g.state = 'SCORED' AND g.gold_score IS NOT NULL""" + onlyGold + """
                          ) y
                    WHERE k <= :w GROUP BY labeler_id),
                labelers AS (
                    SELECT DISTINCT a.labeler_id FROM""" + TaskStore.assignments() + """
                    a WHERE a.project_id = :p AND a.state NOT IN ('LEASED', 'EXPIRED', 'SKIPPED')""" + only + """
                    )
                SELECT l.labeler_id, coalesce(i.n, 0), coalesce(i.defects, 0), coalesce(g.n, 0), g.mean, acc.username
                FROM labelers l JOIN account acc ON acc.id = l.labeler_id
                LEFT JOIN inspected i USING (labeler_id) LEFT JOIN gold g USING (labeler_id)
                ORDER BY l.labeler_id""")
                .param("p", projectId).param("w", policy.window());
        if (labelerId != null) sql = sql.param("l", labelerId);
        return sql.query((rs, i) -> rate(rs.getLong(1), rs.getString(6), policy, new Evidence(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getObject(5) == null ? null : rs.getDouble(5))))
                .list();
    }
}
