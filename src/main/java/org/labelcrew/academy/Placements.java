package org.labelcrew.academy;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.labelcrew.account.AccountService;
import org.labelcrew.account.CurrentUser;
import org.labelcrew.account.Role;
import org.labelcrew.project.ProjectAccess;
import org.labelcrew.project.ProjectRole;
import org.labelcrew.project.ProjectService;
import org.labelcrew.shared.ApiException;
import org.labelcrew.shared.ApiException.FieldError;
import org.labelcrew.shared.Json;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Placement after the exam: completers (attendance rule met) ranked by best exam score, ties to the earlier
 * submission; the top become reviewers up to the quota if they reach the reviewer minimum, the next labelers up to
 * theirs if they reach the labeler minimum, everyone else NONE. Every decision says why in words. A manager may
 * override one with a reason (logged); the placed person accepts the current freelancer agreement, which grants the
 * account role and membership of each target project.
 *
 * <p>The rule may be run again at any time (late retakes, a changed quota). Accepted placements are never touched
 * and hold their seats; manual overrides not yet accepted are kept too (unless the request says
 * {@code keepOverrides: false}) and hold a seat in their role; everyone else is ranked again into the seats left.
 */
@Service
class Placements {

    private final JdbcClient jdbc;
    private final Cohorts cohorts;
    private final ProjectAccess projectAccess;
    private final ProjectService projects;
    private final AccountService accounts;
    private final Notifications notifications;
    private final AcademyEvents events;
    private final Owners owners;
    private final Clock clock;
    private final Json json;

    Placements(JdbcClient jdbc, Cohorts cohorts, ProjectAccess projectAccess, ProjectService projects,
            AccountService accounts, Notifications notifications, AcademyEvents events, Owners owners, Clock clock,
            Json json) {
        this.json = json;
        this.jdbc = jdbc;
        this.owners = owners;
        this.cohorts = cohorts;
        this.projectAccess = projectAccess;
        this.projects = projects;
        this.accounts = accounts;
        this.notifications = notifications;
        this.events = events;
        this.clock = clock;
    }

    /** {@code keepOverrides}: whether a re-run keeps manual overrides that nobody accepted yet (default true). */
    record PlacementRequest(Integer reviewerQuota, Double reviewerMinScore, Integer labelerQuota,
            Double labelerMinScore, List<Long> projectIds, Boolean keepOverrides) {
    }

    /**
     * {@code why} is the decision in English; {@code reasons} says the same as codes with parameters for the browser
     * to put in the reader's language (null for placements decided before reasons had codes).
     */
    record Placement(long id, long cohortId, long accountId, String username, String displayName,
            @Schema(implementation = PlacementRole.class) String role, @Nullable Double score, @Nullable Integer rank, String why,
            @Nullable List<Reason> reasons, List<Long> projectIds, boolean overridden, Instant decidedAt,
            @Nullable Instant acceptedAt, @Nullable Integer agreementVersion) {
    }

    /**
     * One clause of a placement's reasons ({@code placement.rank} with {@code rank, of, score}, …; docs/academy.md
     * lists them): the browser joins the clauses into a sentence in Korean or English.
     */
    record Reason(String code, Map<String, Object> params) {

        static Reason of(String code, Object... keyValues) {
            Map<String, Object> params = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) params.put((String) keyValues[i], keyValues[i + 1]);
            return new Reason(code, params);
        }
    }

    record PlacementList(long cohortId, List<Placement> placements) {
    }

    // ---- the rule, as a pure function

    record Candidate(long accountId, boolean completed, double attendanceRatio, Double score, Instant submittedAt) {
    }

    record Rules(int reviewerQuota, double reviewerMinScore, int labelerQuota, double labelerMinScore,
            double minAttendance) {
    }

    record Decision(long accountId, String role, Double score, Integer rank, String why, List<Reason> reasons) {
    }

    static List<Decision> decide(List<Candidate> candidates, Rules rules) {
        return decide(candidates, rules, Map.of());
    }

    /**
     * The rule over everyone but {@code kept} (account id → the role a kept placement holds: accepted, or a manual
     * override). Kept people still count in the ranking, so ranks mean the same in every run, and a kept REVIEWER or
     * LABELER holds one seat of that role before anyone is ranked into it; no decision is made for them.
     */
    static List<Decision> decide(List<Candidate> candidates, Rules rules, Map<Long, String> kept) {
        List<Candidate> ranked = candidates.stream().filter(c -> c.completed() && c.score() != null)
                .sorted(Comparator.comparing(Candidate::score, Comparator.reverseOrder())
                        .thenComparing(Candidate::submittedAt)
                        .thenComparing(Candidate::accountId))
                .toList();
        int keptReviewers = (int) kept.values().stream().filter("REVIEWER"::equals).count();
        int keptLabelers = (int) kept.values().stream().filter("LABELER"::equals).count();
        List<Decision> out = new ArrayList<>();
        int reviewers = keptReviewers;
        int labelers = keptLabelers;
        for (int i = 0; i < ranked.size(); i++) {
            Candidate c = ranked.get(i);
            if (kept.containsKey(c.accountId())) continue;
            double s = c.score();
            String head = "Rank " + (i + 1) + " of " + ranked.size() + " with best exam score " + fmt(s);
            Reason rank = Reason.of("placement.rank", "rank", i + 1, "of", ranked.size(), "score", s);
            if (reviewers < rules.reviewerQuota() && s >= rules.reviewerMinScore()) {
                reviewers++;
                out.add(new Decision(c.accountId(), "REVIEWER", s, i + 1, head + " (reviewer minimum "
                        + fmt(rules.reviewerMinScore()) + "): reviewer seat " + reviewers + " of " + rules.reviewerQuota(),
                        List.of(rank, Reason.of("placement.seat", "role", "REVIEWER", "seat", reviewers,
                                "quota", rules.reviewerQuota(), "min", rules.reviewerMinScore()))));
                continue;
            }
            Reason notReviewerReason = s < rules.reviewerMinScore()
                    ? Reason.of("placement.belowMinimum", "role", "REVIEWER", "min", rules.reviewerMinScore())
                    : seatsGone("REVIEWER", rules.reviewerQuota(), keptReviewers);
            String notReviewer = english(notReviewerReason);
            if (labelers < rules.labelerQuota() && s >= rules.labelerMinScore()) {
                labelers++;
                out.add(new Decision(c.accountId(), "LABELER", s, i + 1, head + "; " + notReviewer + "; labeler seat "
                        + labelers + " of " + rules.labelerQuota() + " (labeler minimum " + fmt(rules.labelerMinScore()) + ")",
                        List.of(rank, notReviewerReason, Reason.of("placement.seat", "role", "LABELER", "seat", labelers,
                                "quota", rules.labelerQuota(), "min", rules.labelerMinScore()))));
                continue;
            }
            Reason notLabelerReason = s < rules.labelerMinScore()
                    ? Reason.of("placement.belowMinimum", "role", "LABELER", "min", rules.labelerMinScore())
                    : seatsGone("LABELER", rules.labelerQuota(), keptLabelers);
            out.add(new Decision(c.accountId(), "NONE", s, i + 1, head + "; " + notReviewer + "; "
                    + english(notLabelerReason) + " — may retake the course",
                    List.of(rank, notReviewerReason, notLabelerReason, Reason.of("placement.mayRetake"))));
        }
        for (Candidate c : candidates) {
            if (kept.containsKey(c.accountId())) continue;
            if (!c.completed()) {
                out.add(new Decision(c.accountId(), "NONE", c.score(), null, "Attended " + pct(c.attendanceRatio())
                        + " of the session hours; " + pct(rules.minAttendance()) + " needed to complete the course",
                        List.of(Reason.of("placement.attendance", "attended", Math.round(c.attendanceRatio() * 100),
                                "needed", Math.round(rules.minAttendance() * 100)))));
            } else if (c.score() == null) {
                out.add(new Decision(c.accountId(), "NONE", null, null,
                        "Completed the course but submitted no exam of this cohort", List.of(Reason.of("placement.noExam"))));
            }
        }
        return out;
    }

    /**
     * Why a role had no seat for someone who reached its minimum: a quota of 0 (no seats in this run), seats taken by
     * higher ranks, or held by kept placements (accepted or overridden).
     */
    private static Reason seatsGone(String role, int quota, int kept) {
        if (kept == 0 && quota == 0) return Reason.of("placement.noSeats", "role", role);
        if (kept == 0) return Reason.of("placement.seatsTaken", "role", role, "quota", quota);
        if (kept >= quota) {
            return Reason.of(kept > quota ? "placement.keptExceedQuota" : "placement.keptFillQuota", "role", role, "kept", kept, "quota", quota);
        }
        return Reason.of("placement.seatsTakenWithKept", "role", role, "quota", quota, "kept", kept);
    }

    /** The English of the reasons that are not said inline in {@link #decide}. */
    static String english(Reason r) {
        Map<String, Object> p = r.params();
        String role = String.valueOf(p.get("role")).toLowerCase(Locale.ROOT);
        Object quota = p.get("quota");
        int kept = p.get("kept") instanceof Number n ? n.intValue() : 0;
        String held = kept + " kept " + role + (kept == 1 ? " placement" : " placements") + " (accepted or overridden)";
        return switch (r.code()) {
            case "placement.belowMinimum" -> "below the " + role + " minimum " + fmt(((Number) p.get("min")).doubleValue());
            case "placement.noSeats" -> "no " + role + " seats in this run (the quota is 0)";
            case "placement.seatsTaken" -> "all " + quota + " " + role + " seats taken by higher ranks";
            case "placement.keptExceedQuota" -> "no " + role + " seat left: " + held
                    + (kept == 1 ? " already exceeds" : " already exceed") + " the quota of " + quota;
            case "placement.keptFillQuota" -> "no " + role + " seat left: " + held + (kept == 1 ? " fills" : " fill")
                    + " the quota of " + quota;
            case "placement.seatsTakenWithKept" -> "all " + quota + " " + role + " seats taken by " + held + " and higher ranks";
            default -> throw new IllegalArgumentException("no English for " + r.code());
        };
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v).replaceAll("0$", "");
    }

    private static String pct(double share) {
        return Math.round(share * 100) + "%";
    }

    // ---- running it

    @Transactional
    PlacementList run(long cohortId, PlacementRequest req, CurrentUser user) {
        // A run may move anyone not yet accepted to other projects: only someone who manages every project the
        // cohort feeds (and every project of the request, below) may do that.
        owners.requireCohortFully(cohortId, user);
        List<FieldError> errors = new ArrayList<>();
        if (req.reviewerQuota() == null || req.reviewerQuota() < 0) errors.add(FieldError.coded("reviewerQuota", "number.atLeast", "must be 0 or more", "min", 0));
        if (req.labelerQuota() == null || req.labelerQuota() < 0) errors.add(FieldError.coded("labelerQuota", "number.atLeast", "must be 0 or more", "min", 0));
        if (req.reviewerMinScore() == null || req.reviewerMinScore() < 0 || req.reviewerMinScore() > 100) {
            errors.add(FieldError.coded("reviewerMinScore", "number.range", "must be 0..100", "min", 0, "max", 100));
        }
        if (req.labelerMinScore() == null || req.labelerMinScore() < 0 || req.labelerMinScore() > 100) {
            errors.add(FieldError.coded("labelerMinScore", "number.range", "must be 0..100", "min", 0, "max", 100));
        }
        List<Long> projectIds = req.projectIds() == null ? List.of() : req.projectIds().stream().distinct().toList();
        if (projectIds.isEmpty()) errors.add(FieldError.coded("projectIds", "academy.noTargetProject", "name at least one target project"));
        if (!errors.isEmpty()) throw ApiException.invalid("The placement request is not valid", errors)
                .withCode("academy.placementInvalid", Map.of("count", errors.size()));
        for (long p : projectIds) projectAccess.require(p, user, ProjectRole.MANAGER);

        // One transaction: the cohort lock serialises runs; the row locks make a concurrent accept wait for this run
        // (it then sees the row as this run left it) or this run wait for the accept (then it is kept).
        jdbc.sql("SELECT id FROM cohort WHERE id = :c FOR UPDATE").param("c", cohortId).query(Long.class).single();
        boolean keepOverrides = req.keepOverrides() == null || req.keepOverrides();
        List<Existing> existing = jdbc.sql("""
                SELECT id, account_id, role, why, why_codes, overridden, accepted_at, agreement_version
                FROM placement WHERE cohort_id = :c ORDER BY accepted_at NULLS LAST, id FOR UPDATE""")
                .param("c", cohortId)
                .query((rs, i) -> new Existing(rs.getLong("id"), rs.getLong("account_id"), rs.getString("role"),
                        rs.getString("why"), rs.getBoolean("overridden"), Sql.instant(rs, "accepted_at"),
                        (Integer) rs.getObject("agreement_version"), reasons(rs)))
                .list();
        Map<Long, Existing> before = new LinkedHashMap<>();
        Map<Long, String> kept = new LinkedHashMap<>();
        for (Existing e : existing) {
            before.put(e.accountId(), e);
            if (e.acceptedAt() != null || (keepOverrides && e.overridden())) kept.put(e.accountId(), e.role());
        }
        Rules rules = new Rules(req.reviewerQuota(), req.reviewerMinScore(), req.labelerQuota(), req.labelerMinScore(),
                cohorts.minAttendance(cohortId));
        List<Candidate> candidates = cohorts.roster(cohortId).stream()
                .filter(r -> "REGISTERED".equals(r.status()))
                .map(r -> new Candidate(r.accountId(), r.completed(), r.attendanceRatio(), r.bestScore(), r.bestSubmittedAt()))
                .toList();
        List<Decision> decisions = decide(candidates, rules, kept);
        Instant now = clock.instant();

        // Kept rows keep role, rank, score, acceptance and membership; only their why is brought up to date, and an
        // override nobody accepted yet follows the run's target projects (accepted ones joined theirs already).
        Map<String, Integer> seat = new HashMap<>();
        List<Map<String, Object>> keptLog = new ArrayList<>();
        for (Existing e : existing) {
            if (!kept.containsKey(e.accountId())) continue;
            int seatInRole = seat.merge(e.role(), 1, Integer::sum);
            jdbc.sql("""
                    UPDATE placement SET why = :why, why_codes = :codes::jsonb,
                        project_ids = CASE WHEN accepted_at IS NULL THEN :projects::bigint[] ELSE project_ids END
                    WHERE id = :id""")
                    .param("why", keptWhy(e, seatInRole, rules)).param("codes", json.write(keptReasons(e, seatInRole, rules)))
                    .param("projects", arrayLiteral(projectIds)).param("id", e.id()).update();
            keptLog.add(Map.of("placementId", e.id(), "accountId", e.accountId(), "role", e.role(),
                    "accepted", e.acceptedAt() != null));
        }
        Set<Long> decided = new HashSet<>();
        for (Decision d : decisions) decided.add(d.accountId());
        List<Long> gone = existing.stream()
                .filter(e -> !kept.containsKey(e.accountId()) && !decided.contains(e.accountId()))
                .map(Existing::id).toList();
        if (!gone.isEmpty()) {
            jdbc.sql("DELETE FROM placement WHERE id IN (:ids) AND accepted_at IS NULL").param("ids", gone).update();
        }
        String cohortName = jdbc.sql("SELECT name FROM cohort WHERE id = :c").param("c", cohortId).query(String.class).single();
        for (Decision d : decisions) {
            // The same row (and id, which notifications name) for someone placed before; never an accepted row.
            long id = jdbc.sql("""
                    INSERT INTO placement (cohort_id, account_id, role, score, rank, why, why_codes, project_ids, decided_by, decided_at)
                    VALUES (:c, :a, :role, :score, :rank, :why, :codes::jsonb, :projects::bigint[], :by, :now)
                    ON CONFLICT (cohort_id, account_id) DO UPDATE SET role = EXCLUDED.role, score = EXCLUDED.score,
                        rank = EXCLUDED.rank, why = EXCLUDED.why, why_codes = EXCLUDED.why_codes, project_ids = EXCLUDED.project_ids,
                        decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at, overridden = false
                    WHERE placement.accepted_at IS NULL
                    RETURNING id""")
                    .param("c", cohortId).param("a", d.accountId()).param("role", d.role()).param("score", d.score())
                    .param("rank", d.rank()).param("why", d.why()).param("codes", json.write(d.reasons()))
                    .param("projects", arrayLiteral(projectIds))
                    .param("by", user.id()).param("now", Sql.ts(now)).query(Long.class).optional()
                    .orElseThrow(() -> new IllegalStateException("placement of account " + d.accountId()
                            + " in cohort " + cohortId + " was accepted during the run"));
            Existing was = before.get(d.accountId());
            if (!"NONE".equals(d.role()) && (was == null || !d.role().equals(was.role()))) {
                notifyPlaced(d.accountId(), id, d.role(), cohortName);
            } else if ("NONE".equals(d.role()) && was != null && !"NONE".equals(was.role())) {
                notifications.send(d.accountId(), "PLACED", "Placement after '" + cohortName + "' was run again and"
                        + " no longer places you as " + was.role() + ": " + d.why(),
                        Map.of("placementId", id, "role", "NONE", "was", was.role(), "cohortName", cohortName,
                                "code", "notification.unplaced", "reasons", d.reasons()));
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("rules", rules);
        detail.put("projectIds", projectIds);
        detail.put("keepOverrides", keepOverrides);
        detail.put("kept", keptLog);
        detail.put("replacedOverrides", existing.stream()
                .filter(e -> e.overridden() && e.acceptedAt() == null && !keepOverrides).map(Existing::id).toList());
        detail.put("reviewers", decisions.stream().filter(d -> d.role().equals("REVIEWER")).count()
                + kept.values().stream().filter("REVIEWER"::equals).count());
        detail.put("labelers", decisions.stream().filter(d -> d.role().equals("LABELER")).count()
                + kept.values().stream().filter("LABELER"::equals).count());
        detail.put("none", decisions.stream().filter(d -> d.role().equals("NONE")).count()
                + kept.values().stream().filter("NONE"::equals).count());
        events.append("PLACEMENT_RUN", cohortId, null, user.id(), detail, now);
        return list(cohortId, user);
    }

    /** A placement row as a re-run finds it. */
    record Existing(long id, long accountId, String role, String why, boolean overridden, Instant acceptedAt,
            Integer agreementVersion, List<Reason> reasons) {

        /** A row from before reasons had codes. */
        Existing(long id, long accountId, String role, String why, boolean overridden, Instant acceptedAt,
                Integer agreementVersion) {
            this(id, accountId, role, why, overridden, acceptedAt, agreementVersion, null);
        }
    }

    /** Between what a re-run says about a kept placement and the decision it keeps. */
    static final String KEPT_DECISION = " | kept decision: ";

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * Why a kept placement stands: accepted (with when and which agreement) or a manual override not accepted yet,
     * the seat it holds (or that it is beyond a quota now smaller than the kept count), then the decision kept — the
     * original one, not an earlier re-run's note, so the text does not grow run after run.
     */
    static String keptWhy(Existing e, int seatInRole, Rules rules) {
        int k = e.why().indexOf(KEPT_DECISION);
        String decision = k >= 0 ? e.why().substring(k + KEPT_DECISION.length()) : e.why();
        String head = e.acceptedAt() != null
                ? "Accepted on " + MINUTE.format(e.acceptedAt())
                        + (e.agreementVersion() == null ? "" : " (agreement v" + e.agreementVersion() + ")") + "; kept as " + e.role()
                : "Manual override kept (not accepted yet) as " + e.role();
        String seatText = "";
        if (!"NONE".equals(e.role())) {
            String role = e.role().toLowerCase(Locale.ROOT);
            int quota = "REVIEWER".equals(e.role()) ? rules.reviewerQuota() : rules.labelerQuota();
            seatText = seatInRole <= quota
                    ? ", " + role + " seat " + seatInRole + " of " + quota
                    : ", beyond the " + role + " quota of " + quota + (e.acceptedAt() != null
                            ? " (an accepted placement is never undone)"
                            : " (the override says so; set it again or run with keepOverrides false to change it)");
        }
        return head + seatText + KEPT_DECISION + decision;
    }

    /** The reasons of a kept placement: as {@link #keptWhy} says, then the kept decision's own reasons. */
    static List<Reason> keptReasons(Existing e, int seatInRole, Rules rules) {
        List<Reason> out = new ArrayList<>();
        out.add(e.acceptedAt() != null
                ? Reason.of("placement.keptAccepted", "role", e.role(), "at", e.acceptedAt().toString(),
                        "agreementVersion", e.agreementVersion())
                : Reason.of("placement.keptOverride", "role", e.role()));
        if (!"NONE".equals(e.role())) {
            int quota = "REVIEWER".equals(e.role()) ? rules.reviewerQuota() : rules.labelerQuota();
            out.add(seatInRole <= quota
                    ? Reason.of("placement.keptSeat", "role", e.role(), "seat", seatInRole, "quota", quota)
                    : Reason.of(e.acceptedAt() != null ? "placement.beyondQuotaAccepted" : "placement.beyondQuotaOverride",
                            "role", e.role(), "quota", quota));
        }
        out.add(Reason.of("placement.keptDecision"));
        out.addAll(decisionReasons(e.why(), e.reasons()));
        return out;
    }

    /**
     * The decision a placement stands on, without what earlier re-runs said about keeping it (so reasons do not grow
     * run after run); for a row from before reasons had codes, its English text as one {@code placement.text}.
     */
    static List<Reason> decisionReasons(String why, List<Reason> reasons) {
        if (reasons == null) {
            int k = why.indexOf(KEPT_DECISION);
            return List.of(Reason.of("placement.text", "text", k >= 0 ? why.substring(k + KEPT_DECISION.length()) : why));
        }
        for (int i = 0; i < reasons.size(); i++) {
            if ("placement.keptDecision".equals(reasons.get(i).code())) return List.copyOf(reasons.subList(i + 1, reasons.size()));
        }
        return reasons;
    }

    private List<Reason> reasons(ResultSet rs) throws SQLException {
        JsonNode codes = json.column(rs, "why_codes");
        return codes == null || codes.isNull() ? null : List.of(json.convert(codes, Reason[].class));
    }

    private void notifyPlaced(long accountId, long placementId, String role, String cohortName) {
        notifications.send(accountId, "PLACED", "You were placed as " + role + " after '" + cohortName
                + "'. Read and accept the freelancer agreement to start work.",
                Map.of("placementId", placementId, "role", role, "cohortName", cohortName, "code", "notification.placed"));
    }

    PlacementList list(long cohortId, CurrentUser user) {
        owners.requireCohort(cohortId, user);
        List<Placement> list = jdbc.sql(SELECT + " WHERE p.cohort_id = :c ORDER BY p.rank NULLS LAST, p.id")
                .param("c", cohortId).query((rs, i) -> map(rs)).list();
        return new PlacementList(cohortId, list);
    }

    List<Placement> mine(long accountId) {
        return jdbc.sql(SELECT + " WHERE p.account_id = :a ORDER BY p.id").param("a", accountId)
                .query((rs, i) -> map(rs)).list();
    }

    record OverrideRequest(String role, String reason) {
    }

    @Transactional
    Placement override(long placementId, OverrideRequest req, CurrentUser user) {
        Access.requireManager(user);
        Placement before = lock(placementId);
        owners.requireCohortFully(before.cohortId(), user);
        List<FieldError> errors = new ArrayList<>();
        if (req.role() == null || !List.of("REVIEWER", "LABELER", "NONE").contains(req.role())) {
            errors.add(FieldError.coded("role", "value.oneOf", "must be REVIEWER, LABELER or NONE",
                    "allowed", List.of("REVIEWER", "LABELER", "NONE")));
        }
        if (req.reason() == null || req.reason().isBlank()) errors.add(FieldError.coded("reason", "academy.overrideReason",
                "is required: say why you override the rule"));
        if (!errors.isEmpty()) throw ApiException.invalid("The override is not valid", errors)
                .withCode("academy.overrideInvalid", Map.of("count", errors.size()));
        if (before.acceptedAt() != null) {
            throw ApiException.conflict("Placement " + placementId + " was accepted at " + before.acceptedAt()
                    + "; change the person's project membership instead")
                    .withCode("academy.placementAccepted", Map.of("placementId", placementId, "at", before.acceptedAt().toString()));
        }
        Instant now = clock.instant();
        String why = "Set to " + req.role() + " by " + user.username() + ": " + req.reason().trim()
                + " (the rule said " + before.role() + ": " + before.why() + ")";
        List<Reason> reasons = new ArrayList<>();
        reasons.add(Reason.of("placement.override", "role", req.role(), "by", user.username(), "reason", req.reason().trim()));
        reasons.add(Reason.of("placement.ruleSaid", "role", before.role()));
        reasons.addAll(before.reasons() == null ? decisionReasons(before.why(), null) : before.reasons());
        jdbc.sql("""
                UPDATE placement SET role = :role, why = :why, why_codes = :codes::jsonb, overridden = true,
                    decided_by = :by, decided_at = :now
                WHERE id = :id""")
                .param("role", req.role()).param("why", why).param("codes", json.write(reasons))
                .param("by", user.id()).param("now", Sql.ts(now))
                .param("id", placementId).update();
        events.append("PLACEMENT_OVERRIDE", before.cohortId(), before.accountId(), user.id(),
                Map.of("placementId", placementId, "from", before.role(), "to", req.role(), "reason", req.reason().trim()), now);
        if (!"NONE".equals(req.role()) && !req.role().equals(before.role())) {
            String cohortName = jdbc.sql("SELECT name FROM cohort WHERE id = :c").param("c", before.cohortId())
                    .query(String.class).single();
            notifyPlaced(before.accountId(), placementId, req.role(), cohortName);
        }
        return get(placementId);
    }

    // ---- the agreement

    record Agreement(int version, String title, String body, Instant publishedAt) {
    }

    Agreement currentAgreement() {
        return jdbc.sql("SELECT version, title, body, published_at FROM agreement ORDER BY version DESC LIMIT 1")
                .query((rs, i) -> new Agreement(rs.getInt(1), rs.getString(2), rs.getString(3), Sql.instant(rs, "published_at")))
                .optional().orElseThrow(() -> ApiException.notFound("Agreement", "current"));
    }

    record AcceptRequest(Integer agreementVersion) {
    }

    record Accepted(long placementId, @Schema(implementation = PlacementRole.class) String role, int agreementVersion, Instant acceptedAt, List<Long> projectIds) {
    }

    /** Records the acceptance, then grants the account role and joins every target project in that role. */
    @Transactional
    Accepted accept(long placementId, AcceptRequest req, CurrentUser user) {
        Access.requireSignedIn(user);
        Placement p = lock(placementId);
        if (p.accountId() != user.id()) throw ApiException.forbidden("Placement " + placementId + " is not yours")
                .withCode("academy.placementNotYours", Map.of("placementId", placementId));
        if ("NONE".equals(p.role())) throw ApiException.conflict("Placement " + placementId + " places you in no role: " + p.why())
                .withCode("academy.placementNoRole", Map.of("placementId", placementId));
        if (p.acceptedAt() != null) throw ApiException.conflict("You accepted placement " + placementId + " at " + p.acceptedAt())
                .withCode("academy.placementAlreadyAccepted", Map.of("placementId", placementId, "at", p.acceptedAt().toString()));
        if (req.agreementVersion() == null) throw ApiException.invalid(FieldError.coded("agreementVersion",
                "academy.agreementVersionRequired", "is required: the version of the agreement you read"));
        Agreement current = currentAgreement();
        if (req.agreementVersion() != current.version()) {
            throw ApiException.conflict("You accepted agreement version " + req.agreementVersion() + " but version "
                    + current.version() + " is current; read it (GET /api/v1/agreements/current) and accept that one")
                    .withCode("academy.agreementOutdated", Map.of("version", req.agreementVersion(), "current", current.version()));
        }
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO agreement_acceptance (account_id, version, placement_id, accepted_at) VALUES (:a, :v, :p, :now)""")
                .param("a", user.id()).param("v", current.version()).param("p", placementId).param("now", Sql.ts(now)).update();
        jdbc.sql("UPDATE placement SET accepted_at = :now, agreement_version = :v WHERE id = :id")
                .param("now", Sql.ts(now)).param("v", current.version()).param("id", placementId).update();
        boolean reviewer = "REVIEWER".equals(p.role());
        accounts.grantRole(user.id(), reviewer ? Role.REVIEWER : Role.LABELER);
        List<Long> joined = new ArrayList<>();
        for (long projectId : p.projectIds()) {
            if (projects.enrol(projectId, user.id(), reviewer ? ProjectRole.REVIEWER : ProjectRole.LABELER)) joined.add(projectId);
        }
        events.append("AGREEMENT_ACCEPT", p.cohortId(), user.id(), user.id(),
                Map.of("placementId", placementId, "agreementVersion", current.version(), "role", p.role(), "projectIds", joined), now);
        return new Accepted(placementId, p.role(), current.version(), now, joined);
    }

    // ---- rows

    private static final String SELECT = """
            SELECT p.*, a.username, a.display_name FROM placement p JOIN account a ON a.id = p.account_id""";

    private Placement lock(long id) {
        jdbc.sql("SELECT id FROM placement WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).optional()
                .orElseThrow(() -> ApiException.notFound("Placement", id));
        return get(id);
    }

    private Placement get(long id) {
        return jdbc.sql(SELECT + " WHERE p.id = :id").param("id", id).query((rs, i) -> map(rs)).optional()
                .orElseThrow(() -> ApiException.notFound("Placement", id));
    }

    private Placement map(ResultSet rs) throws SQLException {
        int version = rs.getInt("agreement_version");
        Integer agreementVersion = rs.wasNull() ? null : version;
        int rank = rs.getInt("rank");
        Integer rankOrNull = rs.wasNull() ? null : rank;
        return new Placement(rs.getLong("id"), rs.getLong("cohort_id"), rs.getLong("account_id"), rs.getString("username"),
                rs.getString("display_name"), rs.getString("role"), Sql.doubleOrNull(rs, "score"), rankOrNull,
                rs.getString("why"), reasons(rs), longs(rs.getArray("project_ids")), rs.getBoolean("overridden"),
                Sql.instant(rs, "decided_at"), Sql.instant(rs, "accepted_at"), agreementVersion);
    }

    private static List<Long> longs(Array array) throws SQLException {
        List<Long> out = new ArrayList<>();
        if (array != null) for (Object o : (Object[]) array.getArray()) out.add(((Number) o).longValue());
        return out;
    }

    private static String arrayLiteral(List<Long> ids) {
        return "{" + String.join(",", ids.stream().map(String::valueOf).toList()) + "}";
    }
}
