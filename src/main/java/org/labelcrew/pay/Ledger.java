package org.labelcrew.pay;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.labelcrew.review.WorkReviewed;
import org.labelcrew.shared.Json;
import org.labelcrew.task.GoldAnswered;
import org.labelcrew.task.TaskStore;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Writes the ledger, in the transaction of the work it pays for (review's and task's events are published there):
 * an approval and its pay commit together or not at all.
 *
 * <p>Rules (docs/pay.md): an approved task pays its labeler {@code labelerPerTask} plus {@code perUnit} × units of the
 * approved result, once per assignment — a unique index refuses a second entry, so re-approval after rework, a retried
 * or concurrent approval never pays twice. Every review decision (approve, reject, correct) pays its reviewer
 * {@code reviewerPerDecision}, once per review. A correction moves {@code correctionShare} % of the task's labeler pay
 * (rounded down to the won) from the labeler to the correcting reviewer. Gold answers are paid {@code goldRate} when
 * the card sets one, else nothing. No card in force: no entry; an amount of 0: no entry, except the labeler's
 * entry for an approved task (0 won), which also marks the task as paid.
 */
@Component
class Ledger {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private final JdbcClient jdbc;
    private final Json json;
    private final RateCards cards;

    Ledger(JdbcClient jdbc, Json json, RateCards cards) {
        this.jdbc = jdbc;
        this.json = json;
        this.cards = cards;
    }

    @EventListener
    void reviewed(WorkReviewed e) {
        Optional<RateCards.RateCard> found = cards.inForce(e.projectId(), e.at());
        if (found.isEmpty()) return;
        RateCards.RateCard card = found.get();
        long share = 0;
        boolean labelerPaid = false;
        if (e.approved() && e.acceptedAnnotationId() != null) {
            record Work(long labelerId, JsonNode result) {
            }
            Work work = jdbc.sql("SELECT w.labeler_id, w.result FROM " + TaskStore.annotatedWork()
                            + " w WHERE w.annotation_id = :ann")
                    .param("ann", e.acceptedAnnotationId())
                    .query((rs, i) -> new Work(rs.getLong(1), json.column(rs, "result"))).single();
            long units = 0;
            long pay = card.labelerPerTask();
            for (Map.Entry<String, Long> rate : card.perUnit().entrySet()) {
                long n = units(work.result().get(rate.getKey()));
                units += n;
                pay += n * rate.getValue();
            }
            if ("CORRECT".equals(e.verdict())) share = pay * card.correctionShare() / 100;
            labelerPaid = insert(work.labelerId(), e.projectId(), "LABELING", pay - share, units, e.assignmentId(),
                    null, card.version(), e.at());
        }
        if (e.reviewerId() != null) {
            insert(e.reviewerId(), e.projectId(), "REVIEW", card.reviewerPerDecision(), 0, null, e.reviewId(),
                    card.version(), e.at());
            // The share moves only with the labeler's pay it came from: never when that task was already paid.
            if (labelerPaid) {
                insert(e.reviewerId(), e.projectId(), "CORRECTION_SHARE", share, 0, null, e.reviewId(), card.version(),
                        e.at());
            }
        }
    }

    @EventListener
    void goldAnswered(GoldAnswered e) {
        cards.inForce(e.projectId(), e.at()).filter(c -> c.goldRate() != null).ifPresent(card ->
                insert(e.labelerId(), e.projectId(), "GOLD", card.goldRate(), 0, e.assignmentId(), null, card.version(),
                        e.at()));
    }

    /** Units of a field's value in an approved result: the elements of a list, else one for any answered value. */
    static long units(@Nullable JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) return 0;
        if (value.isArray()) return value.size();
        if (value.isString() && value.asString().isEmpty()) return 0;
        return 1;
    }

    /**
     * Appends one entry unless the work or decision is already paid; true when it was appended. An amount of 0 appends
     * nothing (answering false), except for a task's labeler: that entry also marks the work as paid once.
     */
    boolean insert(long accountId, Long projectId, String kind, long amount, long units, @Nullable Long assignmentId,
            @Nullable Long reviewId, @Nullable Integer cardVersion, Instant at) {
        if (amount == 0 && !"LABELING".equals(kind)) return false;
        String period = period(at);
        int added = jdbc.sql("""
                INSERT INTO pay_ledger (account_id, project_id, kind, amount, units, assignment_id, review_id,
                                        rate_card_version, occurred_at, period)
                VALUES (:acc, :p, :kind, :amount, :units, :a, :r, :v, :at, :period)
                ON CONFLICT DO NOTHING""")
                .param("acc", accountId).param("p", projectId).param("kind", kind).param("amount", amount)
                .param("units", units).param("a", assignmentId).param("r", reviewId).param("v", cardVersion)
                .param("at", Timestamp.from(at)).param("period", period).update();
        return added == 1;
    }

    /** A manual adjustment (positive or negative), with its reason and who made it. */
    long adjust(long accountId, @Nullable Long projectId, long amount, String reason, long actorId, Instant at) {
        String period = period(at);
        return jdbc.sql("""
                INSERT INTO pay_ledger (account_id, project_id, kind, amount, reason, actor_id, occurred_at, period)
                VALUES (:acc, :p, 'ADJUSTMENT', :amount, :reason, :actor, :at, :period) RETURNING id""")
                .param("acc", accountId).param("p", projectId).param("amount", amount).param("reason", reason)
                .param("actor", actorId).param("at", Timestamp.from(at)).param("period", period)
                .query(Long.class).single();
    }

    /**
     * The statement month an entry made at {@code at} counts in: its month in Korea (Asia/Seoul, where the workers are
     * paid), or, when that month's statements are issued, the first later month still open. Takes a SHARE lock on
     * {@code pay_period} until the transaction ends, so that issuing a month (which writes there) waits for entries
     * being written and no entry slips into a month after it was issued.
     */
    String period(Instant at) {
        jdbc.sql("LOCK TABLE pay_period IN SHARE MODE").update();
        YearMonth month = YearMonth.from(at.atZone(SEOUL));
        List<String> issued = jdbc.sql("SELECT period FROM pay_period WHERE period >= :m ORDER BY period")
                .param("m", month.toString()).query(String.class).list();
        while (issued.contains(month.toString())) month = month.plusMonths(1);
        return month.toString();
    }
}
