package org.labelcrew.quality;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.task.TaskStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A labeler's own gold accuracy in one project: how many gold answers were scored, their mean, per field, and a trend.
 * <p>
 * Nothing here may give a gold answer away to a labeler who would pass it on: no reference, no task id, no per-item
 * score or feedback. A per-item score would also leak by difference — read the mean before and after one answer and
 * that answer's score follows (for a two-option field, the reference itself). So the figures move in whole steps of
 * {@link #STEP} answers, oldest first: the newest answers wait until a step is full ({@code pending}), and every figure
 * (mean, recent mean, each trend point, each field) is a mean over whole steps.
 */
@Service
public class MyQuality {

    /** Answers per step of the figures: the smallest group whose mean a labeler can ever see. */
    static final int STEP = 5;
    /** The recent mean covers the last this many counted answers (whole steps). */
    static final int RECENT = 4 * STEP;
    /** Trend points shown: the last this many steps. */
    static final int TREND = 12;

    private final JdbcClient jdbc;
    private final ProjectAccess access;

    MyQuality(JdbcClient jdbc, ProjectAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    /**
     * {@code answers}: the caller's scored gold answers; {@code counted}: those the figures cover (whole steps);
     * {@code pending}: answers still to give before the figures next move; means are 0..1 and {@code null} with none.
     */
    @Schema(name = "MyQuality")
    public record Mine(long projectId, double goldRate, int step, long answers, long counted, long pending,
            @Nullable Double meanScore, Recent recent, List<Point> trend, List<FieldScore> perField) {
    }

    public record Recent(long answers, @Nullable Double meanScore) {
    }

    /** One step of the trend: the mean of answers {@code through - step + 1 .. through}, oldest step first. */
    public record Point(long through, double meanScore) {
    }

    @Schema(name = "MyFieldScore")
    public record FieldScore(String field, String type, long answers, Double meanScore) {
    }

    /** The caller's own answers, numbered in the order they were given (submit time). */
    private static final String MINE = """
            SELECT gold_score, gold_feedback, row_number() OVER (ORDER BY updated_at, id) AS n
            FROM """ + TaskStore.goldAnswers() + """
             g WHERE project_id = :p AND labeler_id = :me AND state = 'SCORED'""";

    /** 404 unknown project, 403 not a member; a member with no gold answers gets zeros and nulls. */
    public Mine mine(long projectId, CurrentUser user) {
        access.requireMember(projectId, user);
        double rate = access.settings(projectId).goldRate();
        long answers = jdbc.sql("""
                SELECT count(*) FROM """ + TaskStore.goldAnswers() + """
                 g WHERE project_id = :p AND labeler_id = :me AND state = 'SCORED'""")
                .param("p", projectId).param("me", user.id()).query(Long.class).single();
        long counted = answers / STEP * STEP;
        long pending = STEP - answers % STEP;
        if (counted == 0) return new Mine(projectId, rate, STEP, answers, 0, pending, null, new Recent(0, null), List.of(), List.of());

        List<Double> steps = jdbc.sql("SELECT avg(gold_score) FROM (" + MINE + ") s WHERE n <= :counted"
                        + " GROUP BY (n - 1) / " + STEP + " ORDER BY (n - 1) / " + STEP)
                .param("p", projectId).param("me", user.id()).param("counted", counted)
                .query(Double.class).list();
        double mean = steps.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        List<Double> last = steps.subList(Math.max(0, steps.size() - RECENT / STEP), steps.size());
        Recent recent = new Recent(last.size() * (long) STEP, round(last.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        int from = Math.max(0, steps.size() - TREND);
        List<Point> trend = new ArrayList<>();
        for (int i = from; i < steps.size(); i++) trend.add(new Point((i + 1L) * STEP, round(steps.get(i))));

        // Per field: the scored fields of each counted answer's feedback (a field without a scorer carries no score),
        // again in whole steps — a field the schema gained later must not show the score of the one answer that has it.
        List<FieldScore> perField = jdbc.sql("""
                SELECT field, type, sum(n), sum(total) / sum(n)
                FROM (SELECT f->>'field' AS field, f->>'type' AS type, count(*) AS n,
                             sum((f->>'score')::double precision) AS total
                      FROM (""" + MINE + """
                      ) s CROSS JOIN LATERAL jsonb_array_elements(s.gold_feedback) f
                      WHERE s.n <= :counted AND f->>'score' IS NOT NULL
                      GROUP BY 1, 2, (s.n - 1) / :step HAVING count(*) = :step) per_step
                GROUP BY 1, 2 ORDER BY 1""")
                .param("p", projectId).param("me", user.id()).param("counted", counted).param("step", STEP)
                .query((rs, i) -> new FieldScore(rs.getString(1), rs.getString(2), rs.getLong(3), round(rs.getDouble(4))))
                .list();
        return new Mine(projectId, rate, STEP, answers, counted, pending, round(mean), recent, List.copyOf(trend), perField);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
