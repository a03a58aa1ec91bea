package org.labelcrew.quality;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.project.ProjectSettings;
import org.labelcrew.review.InspectionRates;
import org.labelcrew.review.Lots;
import org.labelcrew.schema.LabelSchema;
import org.labelcrew.schema.SchemaService;
import org.labelcrew.schema.scoring.Agreements;
import org.labelcrew.task.TaskStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A project's quality report. Each figure is its own member of {@link Quality} (gold now; agreement, review outcomes
 * later), computed in SQL over the stored work.
 */
@Service
public class QualityService {

    /** The national programme's targets for a dataset (project plans name them): syntactic ≥ 99.5 %, semantic ≥ 90 %. */
    static final double SYNTACTIC_TARGET = 0.995;
    static final double SEMANTIC_TARGET = 0.90;

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final TaskStore tasks;
    private final SchemaService schemas;
    private final Agreements agreements;
    private final InspectionRates inspectionRates;
    private final Lots lots;

    QualityService(JdbcClient jdbc, ProjectAccess access, TaskStore tasks, SchemaService schemas, Agreements agreements,
            InspectionRates inspectionRates, Lots lots) {
        this.inspectionRates = inspectionRates;
        this.lots = lots;
        this.jdbc = jdbc;
        this.access = access;
        this.tasks = tasks;
        this.schemas = schemas;
        this.agreements = agreements;
    }

    /**
     * A project's quality: gold accuracy, syntactic accuracy (every stored result re-validated against the schema as it
     * is now), semantic accuracy (estimated from the inspected work), agreement between workers per field.
     */
    public record Quality(long projectId, Gold gold, SyntacticAccuracy syntacticAccuracy,
            SemanticAccuracy semanticAccuracy, List<Agreements.FieldAgreement> agreement, Inspection inspection) {
    }

    /**
     * The project's inspection policy and, in review mode ADAPTIVE, each labeler's draw rate in force now with what
     * it is computed from (review.InspectionRates; empty otherwise). {@code sampleRate} is SAMPLE's rate or ADAPTIVE's
     * base rate. {@code lots}: the acceptance-sampling lots declared (newest first; each with its ISO 2859-1 plan,
     * sample progress, defects and verdict), summed in {@code lotTotals}; lots are used beside any review mode.
     */
    public record Inspection(String mode, double sampleRate, @Nullable Double minRate, @Nullable Double maxRate,
            @Nullable Integer window, List<InspectionRates.Rate> labelers, List<Lots.Lot> lots, Lots.Totals lotTotals) {
    }

    /**
     * {@code valid} of {@code checked} stored results pass the current schema; {@code rate} null when none is stored.
     * {@code invalid} names the first few that do not (task, assignment, the first field at fault).
     */
    public record SyntacticAccuracy(@Nullable Double rate, long checked, long valid, double target,
            List<InvalidResult> invalid) {
    }

    public record InvalidResult(long taskId, long assignmentId, String field, String message) {
    }

    /**
     * The share of inspected work that was right as submitted ({@code passed} of {@code n} first review decisions),
     * with its 95 % Wilson score interval {@code low..high}; all three null when nothing was inspected.
     * {@code sources} says which samples the estimate comes from (review.Lots.Source: a lot's random sample, the rest
     * of a returned lot reviewed in full, or the review mode's own draw, {@code reviewMode}); they add up to n.
     */
    public record SemanticAccuracy(@Nullable Double estimate, @Nullable Double low, @Nullable Double high, long n,
            long passed, double target, String reviewMode, List<Lots.Source> sources) {
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
        return quality(projectId, scan(projectId));
    }

    ResultScan scan(long projectId) {
        return ResultScan.of(projectId, access.settings(projectId).schema(), schemas, tasks);
    }

    Quality quality(long projectId, ResultScan scan) {
        ProjectSettings settings = access.settings(projectId);
        SyntacticAccuracy syntactic = new SyntacticAccuracy(scan.checked == 0 ? null : round((double) scan.valid / scan.checked),
                scan.checked, scan.valid, SYNTACTIC_TARGET, scan.examples.stream()
                        .map(i -> new InvalidResult(i.taskId(), i.assignmentId(), i.field(), i.message())).toList());
        List<Lots.Lot> projectLots = lots.forProject(projectId);
        return new Quality(projectId, gold(projectId), syntactic,
                semantic(settings.reviewMode(), lots.inspectedBySource(projectId)),
                agreements.agreement(LabelSchema.of(settings.schema()), scan.units),
                new Inspection(settings.reviewMode(), settings.sampleRate(), settings.reviewMinRate(),
                        settings.reviewMaxRate(), settings.reviewWindow(), inspectionRates.forProject(settings),
                        projectLots, Lots.Totals.of(projectLots)));
    }

    /** The inspected work of all sources as an estimate with its 95 % Wilson score interval (z = 1.96). */
    static SemanticAccuracy semantic(String reviewMode, List<Lots.Source> sources) {
        long n = sources.stream().mapToLong(Lots.Source::inspected).sum();
        long passed = sources.stream().mapToLong(Lots.Source::passed).sum();
        if (n == 0) return new SemanticAccuracy(null, null, null, 0, 0, SEMANTIC_TARGET, reviewMode, sources);
        double[] w = wilson(passed, n);
        return new SemanticAccuracy(round((double) passed / n), round(w[0]), round(w[1]), n, passed, SEMANTIC_TARGET,
                reviewMode, sources);
    }

    /** Wilson score interval: (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). */
    static double[] wilson(long x, long n) {
        double z = 1.959963984540054;
        double p = (double) x / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    Gold gold(long projectId) {
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

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
