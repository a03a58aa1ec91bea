package org.labelcrew.review;

import io.swagger.v3.oas.annotations.media.Schema;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.shared.AdvisoryLock;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.task.TaskStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Acceptance sampling of lots (ISO 2859-1 single sampling, normal inspection, level II: {@link AcceptanceSampling}).
 * <p>
 * A <b>lot</b> is the project's submitted work awaiting review (SUBMITTED or IN_REVIEW, ordinary tasks) that is in no
 * lot yet, when a manager declares it with an AQL. The server computes the plan from the lot size, draws the sample
 * at random and stores it; sampled items come first in the review queue. When every sampled item has its first
 * reviewer decision, the server decides: defects (REJECT or CORRECT) ≤ Ac accepts the lot — its items still awaiting
 * review are approved without review (AUTO_APPROVE, "lot accepted"); ≥ Re returns it — its items stay in the queue for
 * full review, so that each defective item goes back to its own labeler with the reviewer's reason, and good work is
 * not sent back with it. A manager may decide instead while the sample is inspected, with a reason (recorded on the
 * lot: who, when, why).
 */
@Service
public class Lots {

    /** Sampled items of a lot under inspection: first in the review queue (an expression over assignment {@code a}). */
    static final String SAMPLED_FIRST = """
            EXISTS (SELECT 1 FROM inspection_lot_item li JOIN inspection_lot l ON l.id = li.lot_id
                    WHERE li.assignment_id = a.id AND li.sampled AND l.state = 'INSPECTING')""";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ProjectAccess access;
    private final TaskStore tasks;
    private final ReviewLedger ledger;
    private final Clock clock;

    Lots(JdbcClient jdbc, ProjectAccess access, TaskStore tasks, ReviewLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.tasks = tasks;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * A lot with its plan and the progress of its sample: {@code inspected} of {@code sampleSize} sampled items have a
     * first decision, {@code defects} of them were rejected or corrected. {@code decidedBy} null with a decision: the
     * server decided from the sample; otherwise the manager who overrode it, with {@code reason}.
     */
    @Schema(name = "InspectionLot")
    public record Lot(long id, long projectId, double aql, int lotSize, String codeLetter, int sampleSize, int acceptNumber,
            int rejectNumber, @Schema(allowableValues = {"INSPECTING", "ACCEPTED", "RETURNED"}) String state,
            long inspected, long defects, @Nullable Instant decidedAt, @Nullable Long decidedBy,
            @Nullable String reason, long createdBy, Instant createdAt) {
    }

    @Schema(name = "LotRequest")
    public record Create(@Schema(description = "acceptance quality limit, percent nonconforming: one of 0.010 … 10")
            @Nullable Double aql) {
    }

    @Schema(name = "LotDecision")
    public record Override(@Schema(allowableValues = {"ACCEPT", "RETURN"}) @Nullable String decision,
            @Nullable String reason) {
    }

    @Transactional
    public Lot create(long projectId, Create req, CurrentUser user) {
        access.require(projectId, user, ProjectRole.MANAGER);
        if (req == null || req.aql() == null) throw ApiException.invalid(FieldError.coded("aql", "field.required", "is required"));
        boolean preferred = false;
        for (double a : AcceptanceSampling.AQLS) preferred |= Math.abs(a - req.aql()) < 1e-9;
        if (!preferred) {
            throw ApiException.invalid(FieldError.coded("aql", "value.oneOf",
                    "must be one of the preferred AQLs 0.010, 0.015, 0.025, 0.040, 0.065, 0.10, "
                    + "0.15, 0.25, 0.40, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5, 10", "allowed",
                    List.of("0.010", "0.015", "0.025", "0.040", "0.065", "0.10", "0.15", "0.25", "0.40", "0.65", "1.0", "1.5",
                            "2.5", "4.0", "6.5", "10")));
        }
        // One lot at a time per project: two declared at once would both claim the same work.
        AdvisoryLock.INSPECTION_LOT.lock(jdbc, projectId);
        List<Long> work = jdbc.sql("SELECT w.id FROM" + TaskStore.awaitingReview() + """
                w WHERE w.project_id = :p
                  AND NOT EXISTS (SELECT 1 FROM inspection_lot_item i WHERE i.assignment_id = w.id)
                ORDER BY w.id""")
                .param("p", projectId).query(Long.class).list();
        if (work.size() < 2) {
            throw ApiException.invalid(FieldError.coded("aql", "lot.tooFewItems",
                    "a lot needs at least 2 submitted items awaiting review that are in no lot; "
                    + "there are " + work.size(), "min", 2, "actual", work.size()));
        }
        AcceptanceSampling.Plan plan = AcceptanceSampling.plan(work.size(), req.aql());
        Instant now = clock.instant();
        long lotId = jdbc.sql("""
                INSERT INTO inspection_lot (project_id, aql, lot_size, code_letter, sample_size, accept_number,
                                            reject_number, created_by, created_at)
                VALUES (:p, :aql, :n, :letter, :size, :ac, :re, :me, :now) RETURNING id""")
                .param("p", projectId).param("aql", req.aql()).param("n", work.size()).param("letter", plan.letter())
                .param("size", plan.sampleSize()).param("ac", plan.accept()).param("re", plan.reject())
                .param("me", user.id()).param("now", Timestamp.from(now)).query(Long.class).single();
        List<Long> shuffled = new ArrayList<>(work);
        Collections.shuffle(shuffled, RANDOM);
        List<Long> sample = shuffled.subList(0, plan.sampleSize());
        jdbc.sql("""
                INSERT INTO inspection_lot_item (assignment_id, lot_id, sampled)
                SELECT w, :l, w = ANY (:sample) FROM unnest(:work) AS w""")
                .param("l", lotId).param("sample", sample.toArray(Long[]::new)).param("work", work.toArray(Long[]::new))
                .update();
        return get(projectId, lotId, user);
    }

    public List<Lot> list(long projectId, CurrentUser user) {
        access.require(projectId, user, ProjectRole.MANAGER);
        return select("l.project_id = :p", Map.of("p", projectId));
    }

    public Lot get(long projectId, long lotId, CurrentUser user) {
        access.require(projectId, user, ProjectRole.MANAGER);
        return select("l.project_id = :p AND l.id = :l", Map.of("p", projectId, "l", lotId)).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("Lot", lotId));
    }

    /** A manager's decision instead of the sample's, with a reason; only while the sample is being inspected. */
    @Transactional
    public Lot override(long projectId, long lotId, Override req, CurrentUser user) {
        access.require(projectId, user, ProjectRole.MANAGER);
        String decision = req == null ? null : req.decision();
        if (!"ACCEPT".equals(decision) && !"RETURN".equals(decision)) {
            throw ApiException.invalid(FieldError.coded("decision", "value.oneOf", "must be ACCEPT or RETURN",
                    "allowed", List.of("ACCEPT", "RETURN")));
        }
        String reason = req.reason() == null ? "" : req.reason().trim();
        if (reason.isEmpty()) {
            throw ApiException.invalid(FieldError.coded("reason", "lot.reasonRequired", "is required to decide instead of the sample"));
        }
        if (reason.length() > 2000) throw ApiException.invalid(FieldError.coded("reason", "text.tooLong", "at most 2000 characters", "max", 2000));
        String state = jdbc.sql("SELECT state FROM inspection_lot WHERE id = :l AND project_id = :p FOR UPDATE")
                .param("l", lotId).param("p", projectId).query(String.class).optional()
                .orElseThrow(() -> ApiException.notFound("Lot", lotId));
        if (!"INSPECTING".equals(state)) throw ApiException.conflict("Lot " + lotId + " is already decided: " + state)
                .withCode("lot.alreadyDecided", Map.of("lotId", lotId, "state", state));
        decide(projectId, lotId, "ACCEPT".equals(decision), user.id(), reason, clock.instant());
        return get(projectId, lotId, user);
    }

    /**
     * After a reviewer's decision on {@code assignmentId} (in its transaction): if it was the last undecided item of
     * a lot's sample, the server decides the lot. The lot row is locked first, so two last decisions at once are
     * judged one after the other and the lot is decided once.
     */
    void afterReview(long assignmentId, Instant now) {
        record Open(long lotId, long projectId, int sampleSize, int accept) {
        }
        Open lot = jdbc.sql("""
                SELECT l.id, l.project_id, l.sample_size, l.accept_number FROM inspection_lot l
                JOIN inspection_lot_item i ON i.lot_id = l.id
                WHERE i.assignment_id = :a AND i.sampled AND l.state = 'INSPECTING' FOR UPDATE OF l""")
                .param("a", assignmentId)
                .query((rs, i) -> new Open(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4))).optional().orElse(null);
        if (lot == null) return;
        long[] progress = progress(lot.lotId());
        if (progress[0] < lot.sampleSize()) return;
        decide(lot.projectId(), lot.lotId(), progress[1] <= lot.accept(), null, null, now);
    }

    /** {inspected, defects} of the lot's sample: first human decisions (as {@link ReviewFigures} counts them). */
    private long[] progress(long lotId) {
        return jdbc.sql("""
                SELECT count(f.verdict), count(*) FILTER (WHERE f.verdict IN ('REJECT', 'CORRECT'))
                FROM inspection_lot_item i
                LEFT JOIN LATERAL (SELECT r.verdict FROM review r WHERE r.assignment_id = i.assignment_id
                                     AND r.verdict IN ('APPROVE', 'REJECT', 'CORRECT')
                                   ORDER BY r.decided_at, r.id LIMIT 1) f ON true
                WHERE i.lot_id = :l AND i.sampled""")
                .param("l", lotId).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    private void decide(long projectId, long lotId, boolean accept, @Nullable Long by, @Nullable String reason, Instant now) {
        long defects = progress(lotId)[1];
        jdbc.sql("""
                UPDATE inspection_lot SET state = :s, defects = :d, decided_at = :now, decided_by = :by, reason = :r
                WHERE id = :l""")
                .param("s", accept ? "ACCEPTED" : "RETURNED").param("d", defects).param("now", Timestamp.from(now))
                .param("by", by).param("r", reason).param("l", lotId).update();
        if (!accept) return; // returned: its items stay in the review queue, each reviewed (full review)
        List<Long> rest = jdbc.sql("SELECT assignment_id FROM inspection_lot_item WHERE lot_id = :l AND NOT sampled ORDER BY 1")
                .param("l", lotId).query(Long.class).list();
        for (long a : rest) {
            tasks.approveUnreviewed(a, projectId, now, Map.of("lotId", lotId)).ifPresent(w ->
                    ledger.autoApproved(w.assignmentId(), w.annotationId(), projectId,
                            "lot " + lotId + " accepted (acceptance sampling)", now));
        }
    }

    // ---- read side: the quality report and the labeler's home (issue 11)

    /** Every lot of a project, newest first, for the quality report (whose caller has checked the manager role). */
    public List<Lot> forProject(long projectId) {
        return select("l.project_id = :p", Map.of("p", projectId));
    }

    /**
     * The lots summed: how many were declared, are open (INSPECTING), accepted, returned; the items in them (all,
     * accepted, returned: the lot sizes summed); the sampled items, those inspected, and the defects found in them.
     */
    @Schema(name = "LotTotals")
    public record Totals(long lots, long open, long accepted, long returned, long items, long itemsInAcceptedLots,
            long itemsInReturnedLots, long sampled, long inspected, long defects) {
        public static Totals of(List<Lot> lots) {
            long open = 0, accepted = 0, returned = 0, items = 0, inAccepted = 0, inReturned = 0, sampled = 0,
                    inspected = 0, defects = 0;
            for (Lot l : lots) {
                items += l.lotSize();
                sampled += l.sampleSize();
                inspected += l.inspected();
                defects += l.defects();
                switch (l.state()) {
                    case "ACCEPTED" -> {
                        accepted++;
                        inAccepted += l.lotSize();
                    }
                    case "RETURNED" -> {
                        returned++;
                        inReturned += l.lotSize();
                    }
                    default -> open++;
                }
            }
            return new Totals(lots.size(), open, accepted, returned, items, inAccepted, inReturned, sampled, inspected,
                    defects);
        }
    }

    /**
     * Where inspected work comes from ({@link ReviewFigures}: first human decisions): {@code LOT_SAMPLE}, drawn for a
     * lot's sample (a simple random sample of the lot); {@code LOT_RETURNED}, the rest of a returned lot, reviewed in
     * full after its sample failed (worse than the average work, by selection); {@code REVIEW}, drawn by the project's
     * review mode outside any lot (every item in FULL, a share in SAMPLE, each labeler's rate in ADAPTIVE). Sources
     * without inspections are left out; the counts add up to semantic accuracy's {@code n} and {@code passed}.
     */
    @Schema(name = "InspectionSource")
    public record Source(@Schema(allowableValues = {"LOT_SAMPLE", "LOT_RETURNED", "REVIEW"}) String source,
            long inspected, long passed) {
    }

    public List<Source> inspectedBySource(long projectId) {
        return jdbc.sql("""
                SELECT CASE WHEN li.sampled THEN 'LOT_SAMPLE' WHEN li.lot_id IS NOT NULL THEN 'LOT_RETURNED'
                            ELSE 'REVIEW' END AS source,
                       count(*), count(*) FILTER (WHERE f.verdict = 'APPROVE')
                FROM (SELECT DISTINCT ON (r.assignment_id) r.assignment_id, r.verdict FROM review r
                      WHERE r.project_id = :p AND r.verdict IN ('APPROVE', 'REJECT', 'CORRECT')
                      ORDER BY r.assignment_id, r.decided_at, r.id) f
                LEFT JOIN inspection_lot_item li ON li.assignment_id = f.assignment_id
                GROUP BY 1 ORDER BY 1""")
                .param("p", projectId)
                .query((rs, i) -> new Source(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    /**
     * A labeler's returned lot with work of theirs waiting to be reworked: {@code code} {@code lot.returned} with
     * {@code params} {@code lot} (its id), {@code n} (their rejected items in it, waiting for rework now) and
     * {@code items} (all their items in the lot), for the browser to word; {@code at} when the lot was returned.
     */
    @Schema(name = "ReturnedLotNotice")
    public record ReturnedLotNotice(long projectId, long lotId, String code, Map<String, Object> params, Instant at) {
    }

    /**
     * The caller's returned lots that still hold their rejected work (derived from the data, like the home page's
     * rework count: the notice goes away once the work is reworked), newest first, at most 50.
     */
    public List<ReturnedLotNotice> returnedLotsOf(CurrentUser user) {
        return jdbc.sql("""
                SELECT l.project_id, l.id, l.decided_at,
                       count(*) FILTER (WHERE a.state = 'REJECTED') AS rework, count(*) AS items
                FROM inspection_lot l
                JOIN inspection_lot_item i ON i.lot_id = l.id
                JOIN""" + TaskStore.assignments() + """
                a ON a.id = i.assignment_id
                WHERE l.state = 'RETURNED' AND a.labeler_id = :me
                GROUP BY l.project_id, l.id, l.decided_at
                HAVING count(*) FILTER (WHERE a.state = 'REJECTED') > 0
                ORDER BY l.decided_at DESC, l.id DESC LIMIT 50""")
                .param("me", user.id())
                .query((rs, i) -> new ReturnedLotNotice(rs.getLong(1), rs.getLong(2), "lot.returned",
                        Map.of("lot", rs.getLong(2), "n", rs.getLong(4), "items", rs.getLong(5)),
                        rs.getTimestamp(3).toInstant()))
                .list();
    }

    private List<Lot> select(String where, Map<String, Object> params) {
        return jdbc.sql("""
                SELECT l.*, p.inspected, p.defects AS found
                FROM inspection_lot l
                CROSS JOIN LATERAL (
                    SELECT count(f.verdict) AS inspected,
                           count(*) FILTER (WHERE f.verdict IN ('REJECT', 'CORRECT')) AS defects
                    FROM inspection_lot_item i
                    LEFT JOIN LATERAL (SELECT r.verdict FROM review r WHERE r.assignment_id = i.assignment_id
                                         AND r.verdict IN ('APPROVE', 'REJECT', 'CORRECT')
                                       ORDER BY r.decided_at, r.id LIMIT 1) f ON true
                    WHERE i.lot_id = l.id AND i.sampled) p
                WHERE\s""" + where + " ORDER BY l.id DESC")
                .params(params)
                .query((rs, i) -> new Lot(rs.getLong("id"), rs.getLong("project_id"), rs.getDouble("aql"),
                        rs.getInt("lot_size"), rs.getString("code_letter"), rs.getInt("sample_size"),
                        rs.getInt("accept_number"), rs.getInt("reject_number"), rs.getString("state"),
                        rs.getLong("inspected"),
                        rs.getObject("defects") != null ? rs.getLong("defects") : rs.getLong("found"),
                        rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant(),
                        (Long) rs.getObject("decided_by"), rs.getString("reason"), rs.getLong("created_by"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
